/**
 * The named windows of an incident, resolved by the same rule the data worker applies to
 * DataSelection.range (workers/data/select.ts), so a cell's window and a data cell's agree.
 */
import type { Manifest, TimeRange } from '$workers/bundle/types';
import { resolveRange } from '$workers/shared/select';
import type { RunContext } from '../kinds/kind';

export type WindowName = 'baseline' | 'incident';

export function namedWindow(manifest: Manifest, name: WindowName): TimeRange | undefined {
	// A missing baseline is "no window" here, where the data worker reports it as an error.
	if (name === 'baseline' && !manifest.baseline) return undefined;
	return resolveRange(manifest, name);
}

/** The windows a chart shades, in drawing order. */
export function incidentWindows(
	manifest: Manifest
): { label: string; start: number; end: number }[] {
	const out: { label: string; start: number; end: number }[] = [];
	for (const label of ['baseline', 'incident'] as const) {
		const w = namedWindow(manifest, label);
		if (w) out.push({ label, start: w.start, end: w.end });
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
	return namedWindow(info.manifest, window) ?? selection;
}
