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

/** Colour of a note by its first known tag (what the note claims matters more than who wrote it). */
export function noteColor(tags: readonly string[]): string {
	for (const tag of tags) {
		if (tag === 'trigger') return '#dc2626';
		if (tag === 'root cause') return '#7c3aed';
		if (tag === 'mitigation') return '#16a34a';
		if (tag === 'red herring') return '#64748b';
	}
	return '#d97706';
}
