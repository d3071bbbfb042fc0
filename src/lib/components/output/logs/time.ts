/** Compact UTC time of a log line for the log outputs ('' when the line had none). */
export function shortTime(t: number): string {
	return Number.isFinite(t) ? new Date(t).toISOString().replace('T', ' ').slice(0, 19) : '';
}

/** Burst factor for display: '×12', '×1.3', '–' when there is no baseline. */
export function burstText(b: number): string {
	if (!Number.isFinite(b)) return '–';
	return `×${b >= 10 ? b.toFixed(0) : b.toFixed(1)}`;
}
