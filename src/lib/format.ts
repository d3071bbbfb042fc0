/** Display helpers shared by components. */

/** Time in the incident's time zone, seconds precision, e.g. "2026-03-14 02:10:15". */
export function formatTime(t: number, timeZone = 'UTC'): string {
	if (!Number.isFinite(t)) return '—';
	const d = new Date(t);
	try {
		const s = d.toLocaleString('sv-SE', { timeZone, hour12: false });
		return timeZone === 'UTC' ? `${s} UTC` : `${s} ${timeZone}`;
	} catch {
		return d.toISOString();
	}
}

/** A number with sensible precision and its unit; NaN shows as a gap. */
export function formatValue(v: number, unit?: string): string {
	if (!Number.isFinite(v)) return '—';
	const abs = Math.abs(v);
	const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
	const s = v.toLocaleString('en-US', { maximumFractionDigits: digits });
	return unit ? `${s} ${unit}` : s;
}

export function formatBytes(n: number): string {
	if (n < 1024) return `${n} B`;
	if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
	if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
	return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export function formatCount(n: number): string {
	return n.toLocaleString('en-US');
}

export function formatDuration(ms: number): string {
	if (!Number.isFinite(ms)) return '';
	if (ms < 1000) return `${Math.round(ms)} ms`;
	if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
	return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
