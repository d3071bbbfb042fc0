/**
 * `aitia capture`: pull a window of metrics from Prometheus and logs from Loki into a bundle zip.
 * A thin wrapper over workers/capture (the same code the browser panel runs): options in,
 * one stderr line per query, the zip out.
 * Exit codes: 0 every query worked, 3 the bundle was written but some queries failed, 1 nothing
 * could be captured (no bundle), 2 usage error. Credentials come from the environment only:
 * AITIA_PROMETHEUS_TOKEN or AITIA_PROMETHEUS_USER/_PASSWORD, AITIA_LOKI_… likewise.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { CaptureLimits, HttpOptions, QueryOutcome, ServerPlan } from '$workers/capture/api';
import { assembleCapture } from '$workers/capture/bundle';
import { collect } from '$workers/capture/collect';
import { formatStep } from '$workers/capture/plan';
import { neverCancelled } from '$workers/shared/cancel';
import { formatIssue } from '../bundle-input';
import { authFromEnv, parseStep, rejoinQueries } from '../capture/plan';
import { UsageError, type Io } from '../io';
import { parseTime } from './time-args';
import { defineCommand } from './command';

const options = {
	prometheus: { type: 'string' },
	query: { type: 'list', of: 'string', short: 'q' },
	loki: { type: 'string' },
	logql: { type: 'list', of: 'string' },
	'query-file': { type: 'string' },
	from: { type: 'string' },
	to: { type: 'string' },
	step: { type: 'string', default: 'auto' },
	out: { type: 'string', short: 'o' },
	id: { type: 'string' },
	title: { type: 'string' },
	'max-series': { type: 'number', integer: true, min: 1, default: 500 },
	'max-lines': { type: 'number', integer: true, min: 1, default: 5000 },
	'page-lines': { type: 'number', integer: true, min: 1, max: 5000, default: 1000 },
	timeout: { type: 'number', min: 0.01, default: 30 },
	retries: { type: 'number', integer: true, min: 0, max: 10, default: 3 }
} as const;

/** Lines of a query file: `promql: <query>` / `logql: <query>`, or bare PromQL; # comments. */
async function queriesFromFile(path: string): Promise<{ prom: string[]; logql: string[] }> {
	const text = await readFile(path, 'utf8').catch(() => {
		throw new UsageError(`cannot read --query-file ${path}`);
	});
	const out = { prom: [] as string[], logql: [] as string[] };
	for (const raw of text.split('\n')) {
		const line = raw.trim();
		if (line === '' || line.startsWith('#')) continue;
		if (line.startsWith('logql:')) out.logql.push(line.slice(6).trim());
		else out.prom.push(line.replace(/^promql:/, '').trim());
	}
	return out;
}

function summary(o: QueryOutcome, i: number, n: number): string {
	const head = `[${i}/${n}] ${o.source} ${JSON.stringify(o.query)}`;
	if (o.error) return `${head}: FAILED: ${o.error}`;
	const unit = o.source === 'loki' ? ['streams', 'lines'] : ['series', 'samples'];
	const cuts = o.cuts.length ? ` (cut: ${o.cuts.join('; ')})` : '';
	const pages = o.pages > 1 ? ` (${o.pages} pages)` : '';
	return `${head}: ${o.series} ${unit[0]}, ${o.points} ${unit[1]}${pages} in ${(o.ms / 1000).toFixed(1)} s${cuts}`;
}

export const captureCommand = defineCommand({
	name: 'capture',
	usage:
		'capture --prometheus <url> --query <promql> [--loki <url> --logql <logql>] --from <t> --to <t> --out <bundle.zip>',
	summary: 'Capture metrics (Prometheus) and logs (Loki) of a time window into a bundle zip.',
	options,
	async run({ positionals, values: v }, io: Io) {
		if (positionals.length > 0) throw new UsageError('capture takes no positional arguments');
		const fromFile = v['query-file']
			? await queriesFromFile(v['query-file'])
			: { prom: [], logql: [] };
		const prom = [...rejoinQueries(v.query ?? []), ...fromFile.prom];
		const logql = [...rejoinQueries(v.logql ?? []), ...fromFile.logql];
		if (!v.from || !v.to || !v.out) throw new UsageError('--from, --to and --out are required');
		if (prom.length > 0 && !v.prometheus) throw new UsageError('--query needs --prometheus <url>');
		if (logql.length > 0 && !v.loki) throw new UsageError('--logql needs --loki <url>');
		if (prom.length + logql.length === 0)
			throw new UsageError('give at least one --query or --logql');
		const from = parseTime('from', v.from, 'UTC');
		const to = parseTime('to', v.to, 'UTC');
		if (!(from < to)) throw new UsageError('--from must be before --to');
		const lim: CaptureLimits = {
			from,
			to,
			step: parseStep(v.step, from, to),
			maxSeries: v['max-series'],
			maxLines: v['max-lines'],
			pageLines: v['page-lines']
		};
		const http = (prefix: string): HttpOptions => ({
			timeoutMs: v.timeout * 1000,
			retries: v.retries,
			backoffMs: 250,
			authorization: authFromEnv(prefix, process.env),
			context: 'cli'
		});
		const plans: ServerPlan[] = [];
		if (prom.length)
			plans.push({
				source: 'prometheus',
				base: v.prometheus!,
				queries: prom,
				http: http('AITIA_PROMETHEUS')
			});
		if (logql.length)
			plans.push({ source: 'loki', base: v.loki!, queries: logql, http: http('AITIA_LOKI') });
		io.err(
			`capturing ${new Date(from).toISOString()} – ${new Date(to).toISOString()}, step ${formatStep(lim.step)}`
		);
		const outcomes = await collect(plans, lim, {
			signal: neverCancelled,
			onOutcome: (o, i, n) => io.err(summary(o, i, n))
		});
		return writeCapture(
			outcomes,
			lim,
			{ out: v.out, id: v.id, title: v.title, prometheus: v.prometheus, loki: v.loki },
			io
		);
	}
});

async function writeCapture(
	outcomes: QueryOutcome[],
	lim: CaptureLimits,
	o: { out: string; id?: string; title?: string; prometheus?: string; loki?: string },
	io: Io
): Promise<number> {
	const failed = outcomes.filter((x) => x.error);
	const servers = { prometheus: o.prometheus ?? '', loki: o.loki ?? '' };
	const built = await assembleCapture(outcomes, lim, { ...o, servers, by: 'cli' });
	if (!built.ok) {
		for (const issue of built.issues) io.err(formatIssue(issue));
		for (const e of built.errors) io.err(e);
		return 1;
	}
	await writeFile(o.out, built.zip);
	const b = built.bundle;
	const points = b.series.reduce((n, s) => n + s.t.length, 0);
	io.out(
		`wrote ${o.out} (${built.zip.length.toLocaleString('en-US')} bytes): ${b.series.length} series, ${points} points, ${b.logs.length} log lines, services ${b.manifest.services.join(', ')}`
	);
	if (failed.length > 0) {
		io.err(
			`partial capture: ${failed.length} of ${outcomes.length} queries failed (listed above and in the manifest)`
		);
		return 3;
	}
	return 0;
}
