import { schemeTableau10 } from 'd3';

/** Stable colour per series index (Tableau 10 reads well on light and dark backgrounds). */
export function seriesColor(i: number): string {
	return schemeTableau10[i % schemeTableau10.length];
}

/** Colour per event kind, so a deploy never looks like a physical report. */
export function eventColor(kind: string): string {
	switch (kind) {
		case 'deploy':
			return '#6366f1';
		case 'config':
			return '#0ea5e9';
		case 'physical':
			return '#dc2626';
		case 'alert':
			return '#f97316';
		case 'scaling':
			return '#16a34a';
		default:
			return '#64748b';
	}
}
