/**
 * Root-cause reads shared by the IndexedDB and in-memory sources: the log and span evidence of one
 * incident, and the library scorecard (every stored incident with a ground-truth service, ranked
 * with the same code as `aitia rca-eval`). They live in the data worker because it holds the data.
 */
import type { Bundle, LogTable, SpanTable } from '../bundle/types';
import { rcaExtras } from '../rca/extras';
import { rankRequestFromBundle } from '../rca/from-bundle';
import { rankServices } from '../rca/rank';
import type { CaseOutcome } from '../shared/scorecard';
import type { RcaMethod, RcaWindows } from '../rca/types';
import type { CancelSignal } from '../shared/cancel';
import type { IncidentInfo, RcaEvidence, RcaEvidenceRequest } from './api';
import { parseWindowOverrides, resolveWindows, WindowError } from '../rca/windows';
import { logsUpTo, spansEndedBy } from '../bundle/as-of';
import type { Progress } from '../shared/progress';

/** The whole-incident reads these need. */
export interface RcaReader {
	/** Every stored incident id. */
	list(): Promise<string[]>;
	logTable(incidentId: string, signal: CancelSignal): Promise<LogTable>;
	spans(incidentId: string, range: undefined, signal: CancelSignal): Promise<SpanTable>;
	bundle(incidentId: string, signal: CancelSignal): Promise<Bundle>;
}

/**
 * The windows of a ranking (the manifest's, or the cell's overrides read in the bundle's zone) and
 * what the incident's logs and spans add over them; sources the cell switched off are not read.
 */
export async function readRcaEvidence(
	reader: RcaReader,
	info: Pick<IncidentInfo, 'manifest' | 'proposed'>,
	incidentId: string,
	req: RcaEvidenceRequest,
	signal: CancelSignal
): Promise<RcaEvidence> {
	const m = info.manifest;
	const { timeRange, onset, baseline, incident } = m;
	const windows = windowsAsOf(
		resolveWindows(
			{ timeRange, onset, baseline, incident, proposed: info.proposed },
			parseWindowOverrides(req.overrides ?? {}, m.timezone)
		),
		req.asOf
	);
	const asOf = req.asOf;
	let logs = req.use.logs ? await reader.logTable(incidentId, signal) : undefined;
	if (logs && asOf !== undefined) logs = logsUpTo(logs, asOf);
	await signal.checkpoint();
	let spans = req.use.traces ? await reader.spans(incidentId, undefined, signal) : undefined;
	if (spans && asOf !== undefined) spans = spansEndedBy(spans, asOf);
	await signal.checkpoint();
	return { windows, extras: rcaExtras(logs, spans, windows) };
}

/** At a replay cursor the incident window ends there; before both windows have begun there is nothing to rank. */
function windowsAsOf(w: RcaWindows, asOf: number | undefined): RcaWindows {
	if (asOf === undefined || asOf >= w.incident.end) return w;
	const at = new Date(asOf).toISOString();
	if (asOf < w.incident.start || asOf <= w.baseline.start)
		throw new WindowError(
			`At the replay cursor (${at}) the incident window (from ${new Date(w.incident.start).toISOString()}) has not begun: nothing to rank yet.`
		);
	return {
		...w,
		incident: { start: w.incident.start, end: asOf },
		source: { ...w.source, incident: `${w.source.incident}, up to the replay cursor` }
	};
}

export async function rankLibrary(
	reader: RcaReader,
	method: RcaMethod,
	signal: CancelSignal,
	onProgress?: Progress
): Promise<CaseOutcome[]> {
	const ids = await reader.list();
	const out: CaseOutcome[] = [];
	for (const [k, id] of ids.entries()) {
		onProgress?.(k / Math.max(1, ids.length), `ranking ${id}`);
		await signal.checkpoint();
		const t0 = performance.now();
		const bundle = await reader.bundle(id, signal);
		const gt = bundle.groundTruth;
		if (!gt?.service) continue;
		const base = { dataset: 'library', id, fault: gt.fault, truth: gt.service };
		try {
			const result = await rankServices(rankRequestFromBundle(bundle, { method }).request);
			const ranked = result.candidates.map((c) => c.service);
			out.push({ ...base, ranked, ms: performance.now() - t0 });
		} catch (err) {
			out.push({ ...base, ranked: [], ms: performance.now() - t0, error: (err as Error).message });
		}
	}
	onProgress?.(1, 'done');
	return out;
}
