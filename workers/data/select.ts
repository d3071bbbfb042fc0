/**
 * Cutting spans and events to a window, for every data source. Which series a pattern list picks,
 * which window a range names and cutting a series are in workers/shared/select.ts (the notebook
 * and the metrics worker need them too).
 */
import { sliceSpans } from '../bundle/span-table';
import type { IncidentEvent, SpanTable, TimeRange } from '../bundle/types';
import { spanOf } from '../shared/bisect';

/** Events whose time (or [t, end] span) overlaps `range`, in their original order. */
export function eventsInRange(events: IncidentEvent[], range: TimeRange): IncidentEvent[] {
	return events.filter((e) => e.t <= range.end && (e.end ?? e.t) >= range.start);
}

/** A copy of the spans that start inside `range` (inclusive); spans are sorted by start. */
export function spansInRange(spans: SpanTable, range: TimeRange): SpanTable {
	const [from, to] = spanOf(spans.start, range.start, range.end);
	return sliceSpans(spans, from, to);
}
