/**
 * manifest.json: validated with zod (shape), then checked by hand for what zod cannot express
 * in one place (zone validity, timestamps resolved in that zone, ordering).
 */
import { z } from 'zod';
import { iso, type ParseContext } from './context';
import type { JsonDoc } from './issues';
import type { JsonPath } from './json-locate';
import { validateJson, valueAt, warnUnknownKeys } from './json-doc';
import { TimeZone, TIMESTAMP_EXPECTED, parseTimestamp } from './time';
import {
	BUNDLE_FORMAT,
	BUNDLE_VERSION,
	SUPPORTED_BUNDLE_VERSIONS,
	type Manifest,
	type TimeRange
} from './types';

const ID_EXPECTED =
	'an id of lowercase letters, digits, ".", "_" or "-" starting with a letter or digit';

const timestamp = z.union([z.string(), z.number()], { error: TIMESTAMP_EXPECTED });
const range = z.object(
	{ start: timestamp, end: timestamp },
	{ error: 'an object {"start": <timestamp>, "end": <timestamp>}' }
);
const text = (what: string) => z.string({ error: what });

const schema = z.object(
	{
		format: z.literal(BUNDLE_FORMAT, { error: `"${BUNDLE_FORMAT}"` }),
		version: z.number({ error: `the format version number (${BUNDLE_VERSION})` }).int({
			error: 'an integer version'
		}),
		id: text(ID_EXPECTED)
			.regex(/^[a-z0-9][a-z0-9._-]*$/, { error: ID_EXPECTED })
			.max(64, { error: 'an id of at most 64 characters' }),
		title: text('a non-empty string').min(1, { error: 'a non-empty string' }),
		description: text('a string').optional(),
		services: z
			.array(text('a service name').min(1, { error: 'a non-empty service name' }), {
				error: 'an array of service names'
			})
			.min(1, { error: 'at least one service' }),
		timeRange: range,
		timezone: text('"UTC" or an IANA time zone name such as "Europe/Berlin"'),
		onset: timestamp.optional(),
		baseline: range.optional(),
		incident: range.optional()
	},
	{ error: 'a JSON object' }
);

/** Manifest keys (the same in v1 and v2), in documentation order. */
export const MANIFEST_KEYS = Object.keys(schema.shape);

/**
 * Validates a manifest value (the whole manifest.json, or `manifest` of a single-JSON bundle at
 * `base`). On success also sets the context's zone, services and range for the other files.
 */
export function readManifest(
	ctx: ParseContext,
	doc: JsonDoc,
	value: unknown,
	base: JsonPath
): Manifest | undefined {
	const { issues } = ctx;
	const at = (...rel: JsonPath) => ({ doc, path: [...base, ...rel] });
	const raw = validateJson(schema, value, doc, base, issues);
	warnUnknownKeys(value, MANIFEST_KEYS, doc, base, issues);
	if (!raw) return undefined;
	if (!SUPPORTED_BUNDLE_VERSIONS.includes(raw.version)) {
		const accepted = SUPPORTED_BUNDLE_VERSIONS.join(' or ');
		issues.error({
			file: doc.file,
			json: at('version'),
			expected: `version ${accepted}`,
			got: raw.version,
			text:
				raw.version > BUNDLE_VERSION
					? `bundle format version ${raw.version} is newer than this app reads (${BUNDLE_VERSION}); update AITIA Workbench`
					: `expected version ${accepted}, got ${raw.version}`
		});
		return undefined;
	}
	let ok = true;
	const seen = new Set<string>();
	raw.services.forEach((s, i) => {
		if (!seen.has(s)) return void seen.add(s);
		issues.error({
			file: doc.file,
			json: at('services', i),
			expected: 'unique service names',
			got: s,
			text: `service "${s}" is listed twice`
		});
		ok = false;
	});
	if (!TimeZone.isValid(raw.timezone)) {
		issues.error({
			file: doc.file,
			json: at('timezone'),
			expected: '"UTC" or an IANA time zone name such as "Europe/Berlin"',
			got: raw.timezone
		});
		return undefined;
	}
	const tz = new TimeZone(raw.timezone);
	const time = (v: unknown, ...rel: JsonPath): number => {
		const t = parseTimestamp(v, tz);
		if (t !== undefined) return t;
		ok = false;
		issues.error({ file: doc.file, json: at(...rel), expected: TIMESTAMP_EXPECTED, got: v });
		return NaN;
	};
	const ordered = (r: { start: unknown; end: unknown }, key: string): TimeRange => {
		const out = { start: time(r.start, key, 'start'), end: time(r.end, key, 'end') };
		if (out.start < out.end || Number.isNaN(out.start + out.end)) return out;
		ok = false;
		issues.error({
			file: doc.file,
			json: at(key, 'end'),
			expected: `a time after ${key}.start (${iso(out.start)})`,
			got: valueAt(value, [key, 'end'])
		});
		return out;
	};
	const manifest: Manifest = {
		format: BUNDLE_FORMAT,
		version: raw.version,
		id: raw.id,
		title: raw.title,
		services: raw.services,
		timeRange: ordered(raw.timeRange, 'timeRange'),
		timezone: raw.timezone
	};
	if (raw.description !== undefined) manifest.description = raw.description;
	if (raw.onset !== undefined) manifest.onset = time(raw.onset, 'onset');
	if (raw.baseline !== undefined) manifest.baseline = ordered(raw.baseline, 'baseline');
	if (raw.incident !== undefined) manifest.incident = ordered(raw.incident, 'incident');
	if (!ok) return undefined;
	warnOutside(ctx, doc, base, manifest);
	ctx.tz = tz;
	ctx.services = new Set(manifest.services);
	ctx.range = manifest.timeRange;
	return manifest;
}

function warnOutside(ctx: ParseContext, doc: JsonDoc, base: JsonPath, m: Manifest): void {
	const r = m.timeRange;
	const inside = (t: number) => t >= r.start && t <= r.end;
	if (m.onset !== undefined && !inside(m.onset)) {
		ctx.issues.warn({
			file: doc.file,
			json: { doc, path: [...base, 'onset'] },
			text: `onset ${iso(m.onset)} lies outside timeRange`
		});
	}
	for (const key of ['baseline', 'incident'] as const) {
		const w = m[key];
		if (!w || (inside(w.start) && inside(w.end))) continue;
		ctx.issues.warn({
			file: doc.file,
			json: { doc, path: [...base, key] },
			text: `${key} is not inside timeRange`
		});
	}
}
