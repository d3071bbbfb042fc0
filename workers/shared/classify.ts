/**
 * Metric classification: which quantity a series measures (latency, errors, traffic, cpu, memory,
 * ...), in which direction it goes bad, and what kind of value it holds (so the scorer knows the
 * smallest change worth calling an anomaly). Driven by the metric name and unit only, with a rule
 * list a reader can check: names from Prometheus, cAdvisor, Istio, OpenTelemetry and hand-made
 * bundles (`CpuUsageRate(%)`, `lat_90`, `latency_p99_ms`, `http_server_duration_seconds`) all
 * land in the right family. Percentiles and averages of one latency share the quantity
 * `latency`, so a service's latency is counted once however many percentiles it exports. Also
 * the SLO a forecast assumes for a series nobody set one for (`defaultSlo`).
 */

/** Golden-signal family of a quantity. */
export type Family = 'latency' | 'errors' | 'traffic' | 'saturation' | 'other';

/** What the numbers are, for the minimum detectable change (see score.ts). */
export type ValueKind =
	'duration' | 'percent' | 'ratio' | 'count' | 'bytes' | 'level' | 'temperature';

/** Which way is bad: a latency going down is good news, a success rate going up too. */
export type Direction = 'up' | 'down' | 'both';

export interface MetricClass {
	family: Family;
	/** Quantity within the service: series with the same quantity are one signal. */
	quantity: string;
	kind: ValueKind;
	direction: Direction;
	/** Milliseconds per unit of a duration (1000 for seconds), when the unit is known. */
	msPerUnit?: number;
}

/** Lower-cased name with CamelCase split and separators unified: `PodServerLatencyP90(s)` → `pod_server_latency_p90_(s)`. */
export function normaliseName(name: string): string {
	return name
		.replace(/([a-z0-9])([A-Z])/g, '$1_$2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
		.toLowerCase()
		.replace(/[\s.\-/:]+/g, '_');
}

const has = (n: string, re: RegExp) => re.test(n);
/** Word-ish match: the token is delimited by start/end or a non-letter. */
const word = (w: string) => new RegExp(`(^|[^a-z])(${w})([^a-z]|$)`);

const DURATION_UNITS: [RegExp, number][] = [
	[/(\(|_|^)(ns|nanoseconds?)(\)|_|$)/, 1e-6],
	[/(\(|_|^)(us|µs|microseconds?)(\)|_|$)/, 1e-3],
	[/(\(|_|^)(ms|milliseconds?)(\)|_|$)/, 1],
	[/(\(|_|^)(s|sec|secs|seconds?)(\)|_|$)/, 1000]
];

function msPerUnit(n: string, unit?: string): number | undefined {
	const u = unit?.toLowerCase();
	if (u) {
		for (const [re, k] of DURATION_UNITS) if (re.test(u)) return k;
	}
	for (const [re, k] of DURATION_UNITS) if (re.test(n)) return k;
	return undefined;
}

const isPercent = (n: string, unit?: string) =>
	unit === '%' || has(n, /%|(^|_)(pct|percent|percentage)(_|$)/);

/** Classifies one metric name (the part after `service.`) with its unit, if known. */
export function classifyMetric(metric: string, unit?: string): MetricClass {
	const n = normaliseName(metric);
	let c = classifyNormalised(n, unit);
	// A lock time or a queue wait in ms is a duration whatever its family: its floor is 1 ms.
	const ms = msPerUnit(n, unit);
	if (ms !== undefined && c.kind === 'level') c = { ...c, kind: 'duration', msPerUnit: ms };
	// Host-level gauges (node_cpu, host memory, host network) are shared by everything on the
	// host: a separate quantity, so they never stand in for the service's own.
	if (/^(node|host|machine|vm)_/.test(n) && c.family !== 'errors')
		return { ...c, quantity: `host:${c.quantity}` };
	// A client-side latency is the time spent waiting for callees: a separate quantity, so the
	// ranking can tell "slow here" from "slow below here".
	if (c.family === 'latency' && /(^|_)(client|outbound)(_|$)/.test(n))
		return { ...c, quantity: 'latency:client' };
	return c;
}

function classifyNormalised(n: string, unit?: string): MetricClass {
	const pct = isPercent(n, unit);
	// Lines whose log template never occurred before (logs/signals.ts): error evidence, counted.
	if (has(n, /novel|unseen|new_template/))
		return has(n, /err|warn/)
			? { family: 'errors', quantity: 'log_novel_errors', kind: 'count', direction: 'up' }
			: { family: 'other', quantity: 'log_novelty', kind: 'count', direction: 'up' };
	// Errors first: "error latency" is rare, "latency_errors" rarer; availability words invert.
	if (has(n, /success|availab|(^|_)ok_?rate|(^|_)up(_|$)|apdex/))
		return {
			family: 'errors',
			quantity: 'errors',
			kind: pct ? 'percent' : 'ratio',
			direction: 'down'
		};
	if (has(n, /err|fail|fault|5xx|exception|reject|timeout|refused|(^|_)drop/))
		return {
			family: 'errors',
			quantity: 'errors',
			kind: pct ? 'percent' : has(n, /rate|ratio|frac/) ? 'ratio' : 'count',
			direction: 'up'
		};
	const latencyName = has(
		n,
		/lat|duration|response_?time|resp_?time|rtt|elapsed|(^|_)wait|delay|(^|_)p(50|75|90|95|99|999)(_|$)/
	);
	const timeName = has(n, /(^|_)time(_|$)/) && msPerUnit(n, unit) !== undefined;
	if ((latencyName || timeName) && !has(n, /count|total_requests/))
		return {
			family: 'latency',
			quantity: 'latency',
			kind: 'duration',
			direction: 'up',
			msPerUnit: msPerUnit(n, unit)
		};
	// Temperatures have no meaningful zero, so "10 % of the level" means nothing: 1 degree does.
	if (has(n, /temp|thermal/))
		return { family: 'saturation', quantity: 'temperature', kind: 'temperature', direction: 'up' };
	// A CPU clock falls when it throttles: bad going down, unlike every other CPU gauge.
	if (has(n, /clock|freq/))
		return { family: 'saturation', quantity: 'cpu_clock', kind: 'level', direction: 'down' };
	if (has(n, word('cpu|throttl|load_?avg|steal')))
		return {
			family: 'saturation',
			quantity: 'cpu',
			kind: pct ? 'percent' : 'level',
			direction: 'up'
		};
	if (has(n, /mem|heap|rss|oom|gc_|(^|_)gc(_|$)|working_set|swap/))
		return {
			family: 'saturation',
			quantity: 'memory',
			kind: pct ? 'percent' : 'bytes',
			direction: 'up'
		};
	if (has(n, /disk|fs_|(^|_)io(_|$)|iops|inode|volume|storage/))
		return {
			family: 'saturation',
			quantity: 'disk',
			kind: pct ? 'percent' : 'level',
			direction: 'up'
		};
	if (has(n, /thread|pool|conn|queue|backlog|saturat|lock|fd(_|$)|file_?desc|socket/))
		return {
			family: 'saturation',
			quantity: `sat:${n}`,
			kind: pct ? 'percent' : 'level',
			direction: 'up'
		};
	if (has(n, /fan|power|voltage/))
		return {
			family: 'saturation',
			quantity: 'hardware',
			kind: pct ? 'percent' : 'level',
			direction: 'both'
		};
	if (has(n, /net|(^|_)rx|(^|_)tx|bytes|packets|transmit|receive|bandwidth/))
		return { family: 'traffic', quantity: 'network', kind: 'bytes', direction: 'both' };
	if (
		has(
			n,
			/req|rps|qps|rpm|throughput|workload|(^|_)ops|(^|_)lod|(^|_)load|count|calls|hits|traffic|sessions|users|lines|spans|messages|events|(^|_)rate/
		)
	)
		return { family: 'traffic', quantity: 'traffic', kind: 'count', direction: 'both' };
	return {
		family: 'other',
		quantity: `other:${n}`,
		kind: pct ? 'percent' : 'level',
		direction: 'both'
	};
}

/**
 * The SLO to assume for a series when nobody set one: 1 s for a latency whose unit is known (in
 * that unit: 1000 for `_ms`, 1 for `_seconds`); none for anything else — a CPU percentage or a
 * plain `value` has no SLO anyone set, and a made-up 1000 draws a line that squashes the chart.
 * `name` is a series key (`service.metric`) or a bare column name. The default notebook and
 * `aitia forecast` both use it, so they agree on the same series.
 */
export function defaultSlo(name: string): number | null {
	const c = classifyMetric(name.slice(name.indexOf('.') + 1));
	return c.family === 'latency' && c.msPerUnit ? 1000 / c.msPerUnit : null;
}
