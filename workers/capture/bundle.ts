/**
 * Turns captured responses into a bundle zip: metrics/prometheus.json and logs/loki.json in the
 * wrapper form the readers know ({"queries": [{"query", "response"}]}), and a manifest proposed
 * from the data whose description says exactly which queries produced it and what was cut.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { parseBundle } from '../bundle/parse';
import { proposeManifest, slugId } from '../bundle/sources/propose';
import type { Bundle, BundleFile, BundleIssue, Manifest, ParseResult } from '../bundle/types';
import type { CaptureContext, CaptureLimits, QueryOutcome } from './api';
import { formatStep } from './plan';

const enc = (v: unknown) => strToU8(JSON.stringify(v));

/** The data files of a capture (no manifest yet). */
export function captureFiles(outcomes: QueryOutcome[], lim: CaptureLimits): BundleFile[] {
	const files: BundleFile[] = [];
	for (const source of ['prometheus', 'loki'] as const) {
		const ok = outcomes.filter((o) => o.source === source && o.response);
		if (ok.length === 0) continue;
		const queries = ok.map((o) => ({
			query: o.query,
			...(source === 'prometheus' ? { step: lim.step } : {}),
			...(o.cuts.length ? { cuts: o.cuts } : {}),
			response: o.response
		}));
		const path = source === 'prometheus' ? 'metrics/prometheus.json' : 'logs/loki.json';
		files.push({ path, bytes: enc({ queries }) });
	}
	return files;
}

/** Markdown: the queries, the step, the limits, every cut and failure. */
export function describeCapture(
	outcomes: QueryOutcome[],
	lim: CaptureLimits,
	servers: Record<string, string>,
	by: CaptureContext = 'cli'
): string {
	const iso = (t: number) => new Date(t).toISOString();
	const who = by === 'cli' ? '`aitia capture`' : 'the workbench (Capture from Prometheus/Loki)';
	const lines = [
		`Captured by ${who} from ${iso(lim.from)} to ${iso(lim.to)}.`,
		'',
		`Prometheus step ${formatStep(lim.step)}; limits: ${lim.maxSeries} series per query, ${lim.maxLines} log lines per query (Loki pages of ${lim.pageLines}).`,
		''
	];
	for (const o of outcomes) {
		const where = servers[o.source];
		const what = o.error
			? `FAILED: ${o.error}`
			: `${o.series} ${o.source === 'loki' ? 'streams' : 'series'}, ${o.points} ${o.source === 'loki' ? 'lines' : 'samples'}${o.pages > 1 ? ` in ${o.pages} pages` : ''}`;
		const cuts = o.cuts.length ? ` Cut: ${o.cuts.join('; ')}.` : '';
		lines.push(`- ${o.source} (${where}): \`${o.query}\` → ${what}.${cuts}`);
	}
	return lines.join('\n');
}

/** Proposes the manifest from the captured data (parsed with a provisional manifest). */
export async function captureManifest(
	files: BundleFile[],
	lim: CaptureLimits,
	meta: { id?: string; title?: string; description: string }
): Promise<{ manifest: Manifest; result: ParseResult }> {
	const provisional: Manifest = {
		format: 'aitia.bundle',
		version: 2,
		id: 'capture',
		title: 'capture',
		services: ['capture'],
		timeRange: { start: lim.from, end: lim.to },
		timezone: 'UTC'
	};
	const draft = [{ path: 'manifest.json', bytes: enc(provisional) }, ...files];
	const result = await parseBundle(draft);
	const bundle = result.ok ? result.bundle : undefined;
	const empty = {
		length: 0,
		t: new Float64Array(),
		level: new Uint8Array(),
		service: new Uint16Array(),
		services: [],
		message: [],
		extra: []
	};
	const proposal = proposeManifest(
		{ series: bundle?.series ?? [], logs: bundle?.logs ?? empty, events: [] },
		'capture',
		'live capture'
	);
	const day = new Date(lim.from).toISOString().slice(0, 16).replace(':', '');
	const manifest: Manifest = {
		...proposal,
		id: meta.id ?? slugId(`capture-${day}`),
		title:
			meta.title ??
			`Capture ${new Date(lim.from).toISOString()} – ${new Date(lim.to).toISOString()}`,
		description: meta.description,
		timeRange: { start: lim.from, end: lim.to }
	};
	return { manifest, result };
}

/** The zip bytes of manifest + files (times written as ISO strings, as people read them). */
export function zipBundle(manifest: Manifest, files: BundleFile[]): Uint8Array {
	const iso = (t: number) => new Date(t).toISOString();
	const range = (r?: { start: number; end: number }) =>
		r ? { start: iso(r.start), end: iso(r.end) } : undefined;
	const m = {
		...manifest,
		timeRange: range(manifest.timeRange),
		baseline: range(manifest.baseline),
		onset: manifest.onset === undefined ? undefined : iso(manifest.onset)
	};
	const entries: Record<string, Uint8Array> = {
		'manifest.json': strToU8(JSON.stringify(m, null, '\t') + '\n')
	};
	for (const f of files) entries[f.path] = f.bytes;
	return zipSync(entries, { level: 6 });
}

/**
 * The capture zip with manifest.json merged with `patch` (undefined values remove a key). The zip
 * is our own, written by zipBundle above, so it is read whole; the import checks the result.
 */
export function reviseManifest(zip: Uint8Array, patch: Record<string, unknown>): Uint8Array {
	const entries = unzipSync(zip);
	const old = entries['manifest.json'];
	if (!old) throw new Error('the capture zip has no manifest.json');
	const merged = { ...(JSON.parse(strFromU8(old)) as Record<string, unknown>), ...patch };
	entries['manifest.json'] = strToU8(JSON.stringify(merged, null, '\t') + '\n');
	return zipSync(entries, { level: 6 });
}

/** A capture's bundle: checked by the same parser an import uses, or its errors. */
export type Assembled =
	| { ok: true; zip: Uint8Array; bundle: Bundle; description: string }
	| { ok: false; errors: string[]; issues: BundleIssue[] };

/** Files, description, proposed manifest and zip of the outcomes; refuses when nothing came back. */
export async function assembleCapture(
	outcomes: QueryOutcome[],
	lim: CaptureLimits,
	meta: { id?: string; title?: string; servers: Record<string, string>; by: CaptureContext }
): Promise<Assembled> {
	const files = captureFiles(outcomes, lim);
	if (files.length === 0) {
		const n = outcomes.length;
		const what = n === 1 ? 'the query returned no data' : `none of the ${n} queries returned data`;
		return { ok: false, errors: [`capture failed: ${what}; no bundle written`], issues: [] };
	}
	const description = describeCapture(outcomes, lim, meta.servers, meta.by);
	const { manifest } = await captureManifest(files, lim, { ...meta, description });
	const zip = zipBundle(manifest, files);
	const check = await parseBundle([{ path: 'capture.zip', bytes: zip }]);
	if (!check.ok) {
		const errors = [
			'capture failed: the captured data does not form a valid bundle; no bundle written'
		];
		return { ok: false, errors, issues: check.errors };
	}
	return { ok: true, zip, bundle: check.bundle, description };
}
