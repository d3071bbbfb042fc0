/**
 * Pure selection semantics shared by every data source: which series a pattern list picks, which
 * time window a range names, and cutting series, spans and events to that window.
 */
import { sliceSpans } from '../bundle/span-table';
import type { IncidentEvent, Manifest, Series, SpanTable, TimeRange } from '../bundle/types';
import type { SeriesData } from '../shared/outputs';
import { spanOf } from '../storage/bisect';
import type { DataSelection } from './api';

const hasGlob = (pattern: string): boolean => pattern.includes('*');

/** '*' matches any run of characters (also none); every other character matches itself. */
export function globToRegExp(pattern: string): RegExp {
	const body = pattern
		.split('*')
		.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
		.join('.*');
	return new RegExp(`^${body}$`, 's');
}

/**
 * The keys (in the bundle's order) matched by any of `patterns`. A glob that matches nothing is
 * fine; an exact key that is not in the bundle is an error, since it is almost always a typo.
 */
export function matchSeries(patterns: string[], keys: string[], incidentId = ''): string[] {
	const known = new Set(keys);
	const missing = patterns.filter((p) => !hasGlob(p) && !known.has(p));
	if (missing.length) {
		const shown = keys.slice(0, 10).join(', ') + (keys.length > 10 ? ', ...' : '');
		const where = incidentId ? ` in incident '${incidentId}'` : '';
		throw new Error(
			`No series ${missing.map((m) => `'${m}'`).join(', ')}${where}. Available: ${shown || 'none'}.`
		);
	}
	const exact = new Set(patterns.filter((p) => !hasGlob(p)));
	const globs = patterns.filter(hasGlob).map(globToRegExp);
	return keys.filter((k) => exact.has(k) || globs.some((g) => g.test(k)));
}

/** The concrete window a selection's range names. */
export function resolveRange(manifest: Manifest, range: DataSelection['range']): TimeRange {
	switch (range) {
		case 'all':
			return { start: manifest.timeRange.start, end: manifest.timeRange.end };
		case 'baseline':
			if (!manifest.baseline) {
				throw new Error(
					`Incident '${manifest.id}' has no baseline window in its manifest; choose 'all', 'incident' or explicit times.`
				);
			}
			return { start: manifest.baseline.start, end: manifest.baseline.end };
		case 'incident':
			if (manifest.incident) return { start: manifest.incident.start, end: manifest.incident.end };
			return { start: manifest.onset ?? manifest.timeRange.start, end: manifest.timeRange.end };
		default:
			return { start: range.start, end: range.end };
	}
}

/** A copy of the points of `s` inside `range` (inclusive). Copies, so transfers never detach `s`. */
export function sliceSeries(s: Series | SeriesData, range: TimeRange): SeriesData {
	const [from, to] = spanOf(s.t, range.start, range.end);
	const out: SeriesData = {
		key: s.key,
		service: s.service,
		metric: s.metric,
		t: s.t.slice(from, to),
		v: s.v.slice(from, to)
	};
	if (s.unit !== undefined) out.unit = s.unit;
	return out;
}

/** Events whose time (or [t, end] span) overlaps `range`, in their original order. */
export function eventsInRange(events: IncidentEvent[], range: TimeRange): IncidentEvent[] {
	return events.filter((e) => e.t <= range.end && (e.end ?? e.t) >= range.start);
}

/** A copy of the spans that start inside `range` (inclusive); spans are sorted by start. */
export function spansInRange(spans: SpanTable, range: TimeRange): SpanTable {
	const [from, to] = spanOf(spans.start, range.start, range.end);
	return sliceSpans(spans, from, to);
}
