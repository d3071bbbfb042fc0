/**
 * Pure selection semantics shared by every data source, the workers and the notebook: which series
 * a pattern list picks (the one glob), which time window a range names, and a series cut to a window.
 */
import type { Manifest, Series, TimeRange } from '../bundle/types';
import type { DataSelection } from '../data/api';
import type { ProposedWindows } from '../bundle/sources/propose';
import { spanOf } from './bisect';
import type { SeriesData } from './outputs';

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

/**
 * The manifest's times, with the onset and baseline proposed from the data (IncidentInfo.proposed)
 * filled in when it declares neither: the one rule by which data cells, charts and statistics
 * see the same windows as the root-cause ranking (rca/windows.ts).
 */
export function withProposedTimes(manifest: Manifest, proposed?: ProposedWindows): Manifest {
	if (!proposed || manifest.onset !== undefined || manifest.baseline) return manifest;
	const out: Manifest = { ...manifest, onset: proposed.onset };
	if (proposed.baseline) out.baseline = proposed.baseline;
	return out;
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
