/**
 * Similar past incidents: builds (or reuses) the log index of every stored incident with the same
 * embedder, derives each incident's signature and ranks the others against the current one.
 */
import type { IncidentInfo } from '../data/api';
import type { Embedder } from '../embed/api';
import type { CancelSignal } from '../shared/cancel';
import type { SimilarIncidentsOutput } from '../shared/outputs-logs';
import type { AitiaDb } from '../storage/db';
import { listIncidents } from '../storage/incidents';
import { readSeries } from '../storage/series';
import type { LogsProgress, SimilarRequest } from './api';
import {
	anomalousMetrics,
	burstingTemplates,
	compareSignatures,
	eventTokens,
	meanVector,
	type IncidentSignature
} from './signature';
import { incidentWindows, templateVectors, type LogIndexCache } from './store';

async function signatureOf(
	db: AitiaDb,
	cache: LogIndexCache,
	info: IncidentInfo,
	embedder: Embedder,
	minBurst: number,
	o: { signal: CancelSignal; onProgress?: (f: number, label: string) => void }
): Promise<IncidentSignature> {
	const loaded = await cache.load(info, embedder, o.signal, o.onProgress);
	const vectors = templateVectors(loaded);
	const bursting = burstingTemplates(loaded.record.templates, (id) => vectors.get(id), minBurst);
	const { baseline, incident } = incidentWindows(info);
	let metrics: string[] = [];
	if (baseline) {
		const series = await readSeries(db, info.manifest.id, info.seriesKeys, undefined, o.signal);
		metrics = anomalousMetrics(series, baseline, incident);
	}
	return {
		incidentId: info.manifest.id,
		title: info.manifest.title,
		bursting,
		vector: meanVector(bursting),
		metrics,
		events: eventTokens(info.events, incident)
	};
}

/** The k stored incidents most similar to `req.incidentId` (never itself). */
export async function similarIncidents(
	db: AitiaDb,
	cache: LogIndexCache,
	embedder: Embedder,
	req: SimilarRequest,
	o: { signal: CancelSignal; onProgress?: LogsProgress }
): Promise<Omit<SimilarIncidentsOutput, 'type' | 'embedder'>> {
	const all = await listIncidents(db);
	const own = all.find((i) => i.manifest.id === req.incidentId);
	if (!own) throw new Error(`Incident '${req.incidentId}' is not stored.`);
	const others = all.filter((i) => i.manifest.id !== req.incidentId);
	const step = 1 / (others.length + 1);
	const progress = (i: number, name: string) => (f: number, label: string) =>
		o.onProgress?.((i + f) * step, `${name}: ${label}`);
	const ours = await signatureOf(db, cache, own, embedder, req.minBurst, {
		signal: o.signal,
		onProgress: progress(0, own.manifest.id)
	});
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
