/**
 * Similar past incidents: builds (or reuses) the log index of every stored incident with the same
 * embedder, derives each incident's signature and ranks the others against the current one.
 */
import type { IncidentInfo } from '../data/api';
import type { TimeRange } from '../bundle/types';
import type { Embedder } from '../embed/api';
import type { CancelSignal } from '../shared/cancel';
import type { SimilarIncidentsOutput } from '../shared/outputs-logs';
import type { AitiaDb } from '../storage/db';
import { listIncidents } from '../storage/incidents';
import { readSeries } from '../storage/series';
import type { SimilarRequest } from './api';
import {
	anomalousMetrics,
	burstingTemplates,
	compareSignatures,
	eventTokens,
	meanVector,
	type IncidentSignature
} from './signature';
import { incidentWindows, templateVectors, type LogIndexCache } from './store';
import { mineAsOf } from './as-of';
import type { Progress } from '../shared/progress';

async function signatureOf(
	db: AitiaDb,
	cache: LogIndexCache,
	info: IncidentInfo,
	embedder: Embedder,
	minBurst: number,
	o: { signal: CancelSignal; onProgress?: Progress }
): Promise<IncidentSignature> {
	const loaded = await cache.load(info, embedder, o.signal, o.onProgress);
	const vectors = templateVectors(loaded);
	const bursting = burstingTemplates(loaded.record.templates, (id) => vectors.get(id), minBurst);
	const { baseline, incident } = incidentWindows(info);
	return signature(db, info, bursting, { baseline, incident }, o.signal);
}

/**
 * The signature from its bursting templates plus the metrics that left the baseline and the
 * events inside the incident window (windows already cut at a replay cursor, so nothing after it
 * is read).
 */
async function signature(
	db: AitiaDb,
	info: IncidentInfo,
	bursting: IncidentSignature['bursting'],
	w: { baseline?: TimeRange; incident: TimeRange },
	signal: CancelSignal
): Promise<IncidentSignature> {
	let metrics: string[] = [];
	if (w.baseline) {
		const series = await readSeries(db, info.manifest.id, info.seriesKeys, undefined, signal);
		metrics = anomalousMetrics(series, w.baseline, w.incident);
	}
	return {
		incidentId: info.manifest.id,
		title: info.manifest.title,
		bursting,
		vector: meanVector(bursting),
		metrics,
		events: eventTokens(info.events, w.incident)
	};
}

/**
 * This incident's signature as known at `asOf`: templates mined from the lines up to it, the
 * bursting ones embedded now (the embedding cache makes repeats free), metrics and events in the
 * windows cut there. Before the incident window begins there is nothing to compare.
 */
async function signatureAsOf(
	db: AitiaDb,
	info: IncidentInfo,
	embedder: Embedder,
	minBurst: number,
	asOf: number,
	o: { signal: CancelSignal; onProgress?: Progress }
): Promise<IncidentSignature> {
	const { mined, baseline, incident } = await mineAsOf(db, info, asOf, o.signal, o.onProgress);
	if (!incident)
		throw new Error(
			`Nothing to compare yet at ${new Date(asOf).toISOString()}: the incident window had not begun.`
		);
	const candidates = burstingTemplates(mined.rows, () => new Float32Array(0), minBurst);
	const vectors = await embedder.embed(candidates.map((c) => c.template));
	const { dim } = embedder;
	const byTemplate = new Map(
		candidates.map((c, i) => [c.template, vectors.subarray(i * dim, (i + 1) * dim)])
	);
	const ids = new Map(mined.rows.map((r) => [r.id, r.template]));
	const bursting = burstingTemplates(
		mined.rows,
		(id) => byTemplate.get(ids.get(id) ?? ''),
		minBurst
	);
	return signature(db, info, bursting, { baseline, incident }, o.signal);
}

/** The k stored incidents most similar to `req.incidentId` (never itself). */
export async function similarIncidents(
	db: AitiaDb,
	cache: LogIndexCache,
	embedder: Embedder,
	req: SimilarRequest,
	o: { signal: CancelSignal; onProgress?: Progress }
): Promise<Omit<SimilarIncidentsOutput, 'type' | 'embedder'>> {
	const all = await listIncidents(db);
	const own = all.find((i) => i.manifest.id === req.incidentId);
	if (!own) throw new Error(`Incident '${req.incidentId}' is not stored.`);
	const { asOf } = req;
	// At a replay cursor only incidents that had ended by then were there to remember.
	const others = all.filter(
		(i) =>
			i.manifest.id !== req.incidentId && (asOf === undefined || i.manifest.timeRange.end <= asOf)
	);
	const step = 1 / (others.length + 1);
	const progress = (i: number, name: string) => (f: number, label: string) =>
		o.onProgress?.((i + f) * step, `${name}: ${label}`);
	const mine = { signal: o.signal, onProgress: progress(0, own.manifest.id) };
	const ours =
		asOf === undefined
			? await signatureOf(db, cache, own, embedder, req.minBurst, mine)
			: await signatureAsOf(db, own, embedder, req.minBurst, asOf, mine);
	const matches = [];
	for (let i = 0; i < others.length; i++) {
		await o.signal.checkpoint();
		const theirs = await signatureOf(db, cache, others[i], embedder, req.minBurst, {
			signal: o.signal,
			onProgress: progress(i + 1, others[i].manifest.id)
		});
		matches.push(compareSignatures(ours, theirs));
	}
	matches.sort((a, b) => b.score - a.score || a.incidentId.localeCompare(b.incidentId));
	return {
		incidentId: req.incidentId,
		signature: {
			burstingTemplates: ours.bursting.map((b) => b.template),
			anomalousMetrics: ours.metrics,
			events: ours.events
		},
		compared: others.length,
		matches: matches.slice(0, req.k)
	};
}
