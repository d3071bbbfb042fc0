/** Display helpers shared by components. */

// Formatters are built once per option set: `toLocaleString(…, options)` builds a new Intl
// formatter on every call, which made redrawing a data view cost tens of ms while scrubbing.
const timeFormats = new Map<string, Intl.DateTimeFormat | null>();
const numberFormats = new Map<number, Intl.NumberFormat>();

function timeFormat(timeZone: string): Intl.DateTimeFormat | null {
	let f = timeFormats.get(timeZone);
	if (f === undefined) {
		try {
			f = new Intl.DateTimeFormat('sv-SE', {
				timeZone,
				hour12: false,
				year: 'numeric',
				month: '2-digit',
				day: '2-digit',
				hour: '2-digit',
				minute: '2-digit',
				second: '2-digit'
			});
		} catch {
			f = null; // an unknown zone: ISO text instead
		}
		timeFormats.set(timeZone, f);
	}
	return f;
}

/** Time in the incident's time zone, seconds precision, e.g. "2026-03-14 02:10:15". */
export function formatTime(t: number, timeZone = 'UTC'): string {
	if (!Number.isFinite(t)) return '—';
	const f = timeFormat(timeZone);
	if (!f) return new Date(t).toISOString();
	const s = f.format(t);
	return timeZone === 'UTC' ? `${s} UTC` : `${s} ${timeZone}`;
}

/**
 * "start → end" for a time span: the end without its date when both fall on the same day in the
 * zone (an incident of a few hours), with it otherwise (a two-week export).
 */
export function formatSpan(start: number, end: number, timeZone = 'UTC'): string {
	const a = formatTime(start, timeZone);
	const b = formatTime(end, timeZone);
	const sameDay = a.length > 10 && a.slice(0, 10) === b.slice(0, 10);
	return `${a} → ${sameDay ? b.slice(11) : b}`;
}

/** A number with sensible precision and its unit; NaN shows as a gap. */
export function formatValue(v: number, unit?: string): string {
	if (!Number.isFinite(v)) return '—';
	const abs = Math.abs(v);
	const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
	let f = numberFormats.get(digits);
	if (!f)
		numberFormats.set(
			digits,
			(f = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }))
		);
	const s = f.format(v);
	return unit ? `${s} ${unit}` : s;
}

export function formatBytes(n: number): string {
	if (n < 1024) return `${n} B`;
	if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
	if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
	return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** The one count rule, shared with the workers (their progress labels). */
export { formatCount } from '$workers/shared/count';
/** The one duration rule, shared with the workers (window sources, CLI text). */
export { formatDuration } from '$workers/shared/duration';
