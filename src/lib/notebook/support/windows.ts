/**
 * The named windows of an incident. Baseline comes from the manifest; the incident window runs
 * from onset (first user-visible impact; the start of the bundle when unknown) to its end. This
 * must agree with how the data worker resolves DataSelection.range (workers/data/select.ts).
 */
import type { Manifest, TimeRange } from '$workers/bundle/types';

export type WindowName = 'baseline' | 'incident';

export function namedWindow(manifest: Manifest, name: WindowName): TimeRange | undefined {
	if (name === 'baseline') return manifest.baseline;
	return { start: manifest.onset ?? manifest.timeRange.start, end: manifest.timeRange.end };
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
