/**
 * Converts the Nezha (FSE'23) OnlineBoutique and TrainTicket cases in ../shared/datasets into
 * bundles. Windows follow what an analyst would pick from the fault list: the baseline is the
 * fault-free stretch right before the injection (at most 30 min, never overlapping the previous
 * fault), the onset is the injection, the incident ends 4 min later (faults last 3 min) or before
 * the next fault. Metric names are kept as the source spells them (`CpuUsageRate(%)`), so the
 * ranking's metric classification is exercised on names it was not written for.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { CsvReader } from '../../../workers/bundle/csv';
import type { CaseLog, CaseSeries, CaseSpan, EvalCase } from './bundle-writer';

const MIN = 60_000;

/** Text of a data file, gunzipped when it ends in .gz. */
export function readText(file: string): string {
	const bytes = readFileSync(file);
	return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** All records of a CSV as header + rows. */
export function readCsv(file: string): { header: string[]; rows: string[][] } {
	const csv = new CsvReader(readText(file));
	const header = csv.next()?.fields ?? [];
	const rows: string[][] = [];
	for (let r = csv.next(); r; r = csv.next()) rows.push(r.fields);
	return { header, rows };
}

/** Pod name → service: drop the two trailing `-<hash>` parts (Nezha's own rule). */
export const podService = (pod: string) => pod.replace(/-[a-z0-9]+-[a-z0-9]+$/, '');

/** `2022-08-22 03:51:19.57… +0000 UTC m=+…` → epoch ms (the `Time` column; see PROVENANCE). */
const goTime = (s: string) => Date.parse(s.slice(0, 19).replace(' ', 'T') + 'Z');

interface Case {
	case_id: string;
	day: string;
	inject_epoch_s: string;
	fault_end_epoch_s: string;
	root_cause_service: string;
	fault_type: string;
	fault_class: string;
	inner_root_cause: string;
	fault_log?: string;
	fault_trace?: string;
}

function cases(dir: string): Case[] {
	const { header, rows } = readCsv(`${dir}cases.csv`);
	return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])) as unknown as Case);
}

/** Pod and front-end metric files of one day as series over the whole day. */
function dayMetrics(dir: string, day: string, frontService: string): CaseSeries[] {
	const out: CaseSeries[] = [];
	const folder = `${dir}metric/${day}/`;
	for (const f of readdirSync(folder).sort()) {
		const isPod = /_metric\.csv(\.gz)?$/.test(f);
		const isFront = /^front_service\.csv/.test(f);
		if (!isPod && !isFront) continue;
		const { header, rows } = readCsv(folder + f);
		const service = isPod ? podService(f.replace(/_metric\.csv(\.gz)?$/, '')) : frontService;
		const t = rows.map((r) => goTime(r[0]));
		header.forEach((h, j) => {
			if (['Time', 'TimeStamp', 'PodName', 'ServiceName'].includes(h)) return;
			out.push({ service, metric: h, t, v: rows.map((r) => (r[j] === '' ? NaN : Number(r[j]))) });
		});
	}
	// OnlineBoutique only: per-edge median latency seen from the caller (source) and callee (destination).
	for (const side of ['source', 'destination'] as const) {
		const file = `${folder}${side}_50.csv`;
		if (!existsSync(file)) continue;
		const { header, rows } = readCsv(file);
		const t = rows.map((r) => Number(r[1]) * 1000);
		header.slice(2).forEach((edge, k) => {
			const [caller, callee] = edge.split('_');
			const metric = `${side === 'source' ? 'CallerSeen' : 'CalleeSeen'}LatencyP50(s).from_${caller}`;
			out.push({
				service: callee,
				metric,
				t,
				v: rows.map((r) => (r[k + 2] === '' ? NaN : Number(r[k + 2])))
			});
		});
	}
	return out;
}

function slice(series: CaseSeries[], start: number, end: number): CaseSeries[] {
	return series
		.map((s) => {
			const idx = s.t.flatMap((t, i) => (t >= start && t <= end ? [i] : []));
			return { ...s, t: idx.map((i) => s.t[i]), v: idx.map((i) => s.v[i]) };
		})
		.filter((s) => s.v.some(Number.isFinite));
}

function callGraph(dir: string, day: string, services: Set<string>) {
	const file = `${dir}metric/${day}/dependency.csv`;
	if (!existsSync(file)) return undefined;
	return readCsv(file)
		.rows.filter((r) => services.has(r[0]) && services.has(r[1]))
		.map((r) => ({ from: r[0], to: r[1] }));
}

/** TrainTicket log lines (`{"log": "<line>"}` records) with the level the line itself names. */
function logs(file: string): CaseLog[] {
	const { header, rows } = readCsv(file);
	const at = (h: string) => header.indexOf(h);
	return rows.map((r) => {
		// A few records carry unquoted commas: the Log field is everything after the 7th comma.
		const raw = r.length > header.length ? r.slice(at('Log')).join(',') : r[at('Log')];
		let line = raw;
		try {
			line = (JSON.parse(raw) as { log: string }).log.trimEnd();
		} catch {
			/* keep the raw text */
		}
		const level = /^\S+\s+(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\b/.exec(line)?.[1] ?? 'info';
		return {
			t: Number(BigInt(r[at('TimeUnixNano')]) / 1000n) / 1000,
			service: podService(r[at('PodName')]),
			level: level.toLowerCase(),
			message: line,
			traceId: r[at('TraceID')] || undefined,
			spanId: r[at('SpanID')] || undefined
		};
	});
}

function spans(file: string): CaseSpan[] {
	const { header, rows } = readCsv(file);
	const at = (h: string) => header.indexOf(h);
	return rows.map((r) => ({
		traceId: r[at('TraceID')],
		spanId: r[at('SpanID')],
		parentId: r[at('ParentID')] === 'root' ? '' : r[at('ParentID')],
		service: podService(r[at('PodName')]),
		operation: r[at('OperationName')],
		start: Number(BigInt(r[at('StartTimeUnixNano')]) / 1000n) / 1000,
		durationMs: Number(r[at('Duration')]) / 1000
	}));
}

export interface NezhaSystem {
	name: 'online-boutique' | 'trainticket';
	dir: string;
	/** Service the front-end golden-signal file belongs to. */
	frontService: string;
}

/**
 * The latest fault-free stretch of at least 2 minutes before case i's injection (at most 30 min
 * long, starting a minute after the previous fault ended): faults come every 4-9 minutes, so the
 * stretch right before one injection can be too short and the one before the previous fault is used.
 */
function quietBefore(list: Case[], i: number, inject: number): { start: number; end: number } {
	let end = inject - 1000;
	for (let j = i - 1; ; j--) {
		const prev = list[j]?.day === list[i].day ? list[j] : undefined;
		const start = Math.max(
			end - 30 * MIN,
			prev ? Number(prev.fault_end_epoch_s) * 1000 + MIN : -Infinity
		);
		if (!prev || end - start >= 2 * MIN) return { start, end };
		end = Number(prev.inject_epoch_s) * 1000 - 1000;
	}
}

/** Every case of one system as an EvalCase, in case order. */
export function* nezhaCases(sys: NezhaSystem): Generator<EvalCase> {
	const list = cases(sys.dir);
	const byDay = new Map<string, CaseSeries[]>();
	const normal = new Map<string, { logs: CaseLog[]; spans: CaseSpan[] }>();
	for (const [i, c] of list.entries()) {
		if (!byDay.has(c.day)) byDay.set(c.day, dayMetrics(sys.dir, c.day, sys.frontService));
		const inject = Number(c.inject_epoch_s) * 1000;
		const next = list[i + 1]?.day === c.day ? Number(list[i + 1].inject_epoch_s) * 1000 : Infinity;
		const baseline = quietBefore(list, i, inject);
		const end = Math.min(inject + 4 * MIN, next - 1000);
		const series = slice(byDay.get(c.day)!, baseline.start, end);
		const ec: EvalCase = {
			id: `nezha-${sys.name}-${c.case_id}`,
			title: `${sys.name} ${c.case_id}: ${c.fault_type} in ${c.root_cause_service}`,
			services: [],
			timeRange: { start: baseline.start, end },
			baseline,
			onset: inject,
			incident: { start: inject, end },
			series,
			truth: {
				service: c.root_cause_service,
				metric: c.fault_class === 'resource' ? c.inner_root_cause : undefined,
				fault: c.fault_type,
				t: inject,
				description: `${c.fault_type} injected into ${c.root_cause_service} (${c.inner_root_cause})`
			}
		};
		if (c.fault_log && c.fault_trace) {
			const nd = `${sys.dir}normal/${c.day}/`;
			if (!normal.has(c.day)) {
				const lf = readdirSync(`${nd}log`)[0];
				const tf = readdirSync(`${nd}trace`)[0];
				normal.set(c.day, { logs: logs(`${nd}log/${lf}`), spans: spans(`${nd}trace/${tf}`) });
			}
			const n = normal.get(c.day)!;
			ec.logs = [...n.logs, ...logs(sys.dir + c.fault_log)];
			ec.spans = [...n.spans, ...spans(sys.dir + c.fault_trace)];
			const ts = [...ec.logs.map((l) => l.t), ...ec.spans.map((s) => s.start)];
			// Logs and traces of the fault-free window may lie outside the metric slice (even after it).
			ec.timeRange = {
				start: Math.min(ec.timeRange.start, Math.floor(Math.min(...ts))),
				end: Math.max(ec.timeRange.end, Math.ceil(Math.max(...ts)))
			};
		}
		const services = new Set([
			...series.map((s) => s.service),
			...(ec.spans ?? []).map((s) => s.service),
			...(ec.logs ?? []).map((l) => l.service)
		]);
		ec.services = [...services].sort();
		ec.topology = callGraph(sys.dir, c.day, services);
		yield ec;
	}
}
