/**
 * `aitia rank <bundle>`: services ranked as root-cause candidates of one incident, each with its
 * evidence chain from the symptom and the reasons for its place. Windows and the symptom come from
 * the manifest unless given; an unknown symptom series is refused with the closest names.
 */
import { rankRequestFromBundle } from '$workers/rca/from-bundle';
import { rankServices } from '$workers/rca/rank';
import { SymptomError } from '$workers/rca/symptom';
import { RCA_METHODS, type RcaResult } from '$workers/rca/types';
import { WindowError } from '$workers/rca/windows';
import { formatIssue, loadBundle } from '../bundle-input';
import { UsageError } from '../io';
import { defineCommand } from './command';
import { parseTime, parseWindow } from './time-args';

const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

/** The result as plain JSON (times as ISO strings, top signals only). */
export function rankJson(r: RcaResult, top: number) {
	return {
		method: r.method,
		symptom: r.symptom && { ...r.symptom, onset: iso(r.symptom.onset) },
		windows: {
			baseline: { start: iso(r.windows.baseline.start), end: iso(r.windows.baseline.end) },
			incident: { start: iso(r.windows.incident.start), end: iso(r.windows.incident.end) },
			onset: iso(r.windows.onset),
			source: r.windows.source
		},
		graph: r.graph,
		notes: r.notes,
		candidates: r.candidates.slice(0, top).map((c) => ({
			rank: c.rank,
			service: c.service,
			score: c.score,
			anomaly: c.anomaly,
			onset: iso(c.onset),
			chain: c.chain,
			evidence: c.signals.slice(0, 3).map((q) => ({
				metric: q.metric,
				quantity: q.quantity,
				z: q.score,
				baseline: q.baselineMedian,
				incident: q.incidentMedian,
				onset: iso(q.onset),
				...(q.detail ? { detail: q.detail } : {})
			})),
			reasons: c.reasons,
			methodRanks: c.methodRanks,
			whyNotFirst: c.whyNotFirst || undefined
		}))
	};
}

function table(r: RcaResult, top: number): string[] {
	const lines = [
		`symptom: ${r.symptom ? `${r.symptom.key}${r.symptom.auto ? ' (picked automatically)' : ''}` : 'none'}; method: ${r.method}; call graph: ${r.graph.edges} edges`
	];
	for (const c of r.candidates.slice(0, top)) {
		const q = c.signals[0];
		const ev = q ? `${q.metric} z ${q.score.toFixed(1)}` : 'no evidence';
		lines.push(
			`${String(c.rank).padStart(3)}  ${c.service.padEnd(28)} ${c.score.toFixed(3).padStart(8)}  ${ev}`
		);
		lines.push(`     ${c.chain}`);
	}
	for (const n of r.notes) lines.push(`note: ${n}`);
	return lines;
}

export const rankCommand = defineCommand({
	name: 'rank',
	usage: `rank <bundle> [--method ${RCA_METHODS.join('|')}] [--symptom <series>] [--onset <time>] [--baseline <start>..<end>] [--incident <start>..<end>] [--top 10] [--format json|table]`,
	summary: 'Rank root-cause services of an incident with their evidence chains (JSON or a table).',
	options: {
		method: { type: 'enum', values: RCA_METHODS, default: 'ensemble' },
		symptom: { type: 'string' },
		onset: { type: 'string' },
		baseline: { type: 'string' },
		incident: { type: 'string' },
		threshold: { type: 'number', min: 0, exclusive: true },
		top: { type: 'number', integer: true, min: 1, default: 20 },
		format: { type: 'enum', values: ['json', 'table'], default: 'json' },
		'no-logs': { type: 'boolean' },
		'no-traces': { type: 'boolean' }
	},
	async run({ positionals, values }, io) {
		if (positionals.length !== 1) throw new UsageError('rank takes exactly one bundle path');
		const parsed = await loadBundle(positionals[0]);
		if (!parsed.ok) {
			for (const issue of parsed.errors) io.err(formatIssue(issue));
			return 1;
		}
		const tz = parsed.bundle.manifest.timezone;
		const windows = {
			onset: values.onset === undefined ? undefined : parseTime('onset', values.onset, tz),
			baseline:
				values.baseline === undefined ? undefined : parseWindow('baseline', values.baseline, tz),
			incident:
				values.incident === undefined ? undefined : parseWindow('incident', values.incident, tz)
		};
		let result: RcaResult;
		try {
			const { request } = rankRequestFromBundle(parsed.bundle, {
				method: values.method,
				symptom: values.symptom,
				windows,
				settings: values.threshold === undefined ? undefined : { threshold: values.threshold },
				useLogs: !values['no-logs'],
				useTraces: !values['no-traces']
			});
			result = await rankServices(request);
		} catch (err) {
			if (err instanceof SymptomError || err instanceof WindowError)
				throw new UsageError(err.message);
			throw err;
		}
		if (values.format === 'table') for (const line of table(result, values.top)) io.out(line);
		else io.out(JSON.stringify(rankJson(result, values.top)));
		return 0;
	}
});
