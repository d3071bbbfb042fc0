/**
 * Cutting series, spans and events to a window, for every data source. Which series a pattern
 * list picks and which window a range names are in workers/shared/select.ts (the notebook needs
 * them too).
 */
import { sliceSpans } from '../bundle/span-table';
import type { IncidentEvent, Series, SpanTable, TimeRange } from '../bundle/types';
import type { SeriesData } from '../shared/outputs';
import { spanOf } from '../storage/bisect';

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
