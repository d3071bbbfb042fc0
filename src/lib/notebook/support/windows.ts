/**
 * The named windows of an incident, resolved by the same rule the data worker applies to
 * DataSelection.range (workers/shared/select.ts), so a cell's window and a data cell's agree. A
 * manifest that declares no times gets the onset and baseline proposed at import
 * (withProposedTimes), as the root-cause ranking does.
 */
import type { TimeRange } from '$workers/bundle/types';
import type { IncidentInfo } from '$workers/data/api';
import { resolveRange, withProposedTimes } from '$workers/shared/select';
import type { RunContext } from '../kinds/kind';

export type WindowName = 'baseline' | 'incident';

/** What the windows are read from: the manifest and what the import proposed. */
export type IncidentTimes = Pick<IncidentInfo, 'manifest' | 'proposed'>;

/** True when the incident's windows come from the proposal, not from its manifest. */
function proposedOnly(info: IncidentTimes): boolean {
	return withProposedTimes(info.manifest, info.proposed) !== info.manifest;
}

export function namedWindow(info: IncidentTimes, name: WindowName): TimeRange | undefined {
	const manifest = withProposedTimes(info.manifest, info.proposed);
	// A missing baseline is "no window" here, where the data worker reports it as an error.
	if (name === 'baseline' && !manifest.baseline) return undefined;
	return resolveRange(manifest, name);
}

/** The windows a chart shades, in drawing order (flagged when proposed from the data). */
export function incidentWindows(
	info: IncidentTimes
): { label: string; start: number; end: number; proposed?: boolean }[] {
	const out: { label: string; start: number; end: number; proposed?: boolean }[] = [];
	const proposed = proposedOnly(info);
	for (const label of ['baseline', 'incident'] as const) {
		const w = namedWindow(info, label);
		if (w) out.push({ label, start: w.start, end: w.end, ...(proposed ? { proposed } : {}) });
	}
	return out;
}

/**
 * The range an analysis cell works on: the range of the data it was given ('selection'), or a
 * named window of the incident (falling back to the selection when the incident lacks it).
 */
export async function analysisRange(
	ctx: Pick<RunContext<unknown>, 'compute' | 'incidentId'>,
	selection: TimeRange,
	window: 'selection' | WindowName
): Promise<TimeRange> {
	if (window === 'selection') return selection;
	const info = await ctx.compute.data.incident(ctx.incidentId);
	return namedWindow(info, window) ?? selection;
}
