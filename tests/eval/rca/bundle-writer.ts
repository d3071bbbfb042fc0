/**
 * Writes an evaluation case as a bundle folder in the documented layout (docs/bundle-format.md),
 * so `aitia rca-eval` reads converted public datasets exactly as it reads a user's bundles.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** One metric series of a case. */
export interface CaseSeries {
	service: string;
	metric: string;
	/** Epoch ms. */
	t: number[];
	v: number[];
}

/** One log line of a case (JSONL shape). */
export interface CaseLog {
	t: number;
	service: string;
	level: string;
	message: string;
	traceId?: string;
	spanId?: string;
}

/** One span of a case (span JSONL shape). */
export interface CaseSpan {
	traceId: string;
	spanId: string;
	parentId: string;
	service: string;
	operation: string;
	/** Epoch ms, fractional. */
	start: number;
	durationMs: number;
	status?: 'ok' | 'error';
}

/** A converted case: everything a bundle needs plus its label. */
export interface EvalCase {
	id: string;
	title: string;
	services: string[];
	timeRange: { start: number; end: number };
	baseline: { start: number; end: number };
	/** Period searched for the cause (manifest v2 `incident`), when the converter knows it. */
	incident?: { start: number; end: number };
	onset: number;
	series: CaseSeries[];
	logs?: CaseLog[];
	spans?: CaseSpan[];
	topology?: { from: string; to: string }[];
	truth: { service: string; metric?: string; fault: string; t: number; description: string };
}

const iso = (t: number) => new Date(t).toISOString();
const num = (v: number) => (Number.isFinite(v) ? String(v) : '');

/** Wide CSV of one service's series (union of their timestamps). */
function metricsCsv(series: CaseSeries[]): string {
	const times = [...new Set(series.flatMap((s) => s.t))].sort((a, b) => a - b);
	const at = series.map((s) => new Map(s.t.map((t, i) => [t, s.v[i]])));
	const cell = (name: string) => (/[",\n]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name);
	const lines = [['timestamp', ...series.map((s) => cell(`${s.service}.${s.metric}`))].join(',')];
	for (const t of times) lines.push([iso(t), ...at.map((m) => num(m.get(t) ?? NaN))].join(','));
	return lines.join('\n') + '\n';
}

export function writeBundle(dir: string, c: EvalCase): void {
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(path.join(dir, 'metrics'), { recursive: true });
	const manifest = {
		format: 'aitia.bundle',
		version: 2,
		id: c.id
			.toLowerCase()
			.replace(/[^a-z0-9._-]/g, '-')
			.slice(0, 64),
		title: c.title,
		services: c.services,
		timeRange: { start: iso(c.timeRange.start), end: iso(c.timeRange.end) },
		timezone: 'UTC',
		onset: iso(c.onset),
		baseline: { start: iso(c.baseline.start), end: iso(c.baseline.end) },
		...(c.incident ? { incident: { start: iso(c.incident.start), end: iso(c.incident.end) } } : {})
	};
	writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, '\t') + '\n');
	const byService = new Map<string, CaseSeries[]>();
	for (const s of c.series)
		(byService.get(s.service) ?? byService.set(s.service, []).get(s.service)!).push(s);
	for (const [svc, list] of byService)
		writeFileSync(path.join(dir, 'metrics', `${svc}.csv`), metricsCsv(list));
	if (c.logs?.length) {
		mkdirSync(path.join(dir, 'logs'));
		const lines = c.logs.map((l) =>
			JSON.stringify({
				ts: iso(l.t),
				level: l.level,
				service: l.service,
				message: l.message,
				trace_id: l.traceId,
				span_id: l.spanId
			})
		);
		writeFileSync(path.join(dir, 'logs', 'app.jsonl'), lines.join('\n') + '\n');
	}
	if (c.spans?.length) {
		mkdirSync(path.join(dir, 'traces'));
		const lines = c.spans.map((s) => JSON.stringify(s));
		writeFileSync(path.join(dir, 'traces', 'spans.jsonl'), lines.join('\n') + '\n');
	}
	if (c.topology?.length)
		writeFileSync(
			path.join(dir, 'topology.json'),
			JSON.stringify({ edges: c.topology }, null, '\t') + '\n'
		);
	const truth = {
		service: c.truth.service,
		metric: c.truth.metric,
		fault: c.truth.fault,
		ts: iso(c.truth.t),
		description: c.truth.description
	};
	writeFileSync(path.join(dir, 'ground_truth.json'), JSON.stringify(truth, null, '\t') + '\n');
}
