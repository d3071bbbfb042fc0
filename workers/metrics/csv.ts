/**
 * A small CSV reader for the CLI and the NAB evaluation: one timestamp column (ISO 8601 with or
 * without a zone — zone-less times are UTC — or unix seconds / ms) and numeric value columns.
 * Bad input is handled visibly: non-numeric cells are errors naming line and column; empty cells
 * are missing values (NaN); unsorted rows are sorted and duplicate timestamps keep the last row,
 * each reported as a warning; mixed zone offsets are converted to UTC and reported.
 */

/** A parsed CSV: timestamps (epoch ms, ascending, unique) and one column per value column. */
export interface CsvSeries {
	t: Float64Array;
	columns: Record<string, Float64Array>;
	/** Visible handling of imperfect input (sorting, duplicates, mixed zones). */
	warnings: string[];
}

export class CsvError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CsvError';
	}
}

const TIME_NAMES = ['timestamp', 'time', 'ts', 't', 'date', 'datetime'];
const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Epoch ms of one timestamp cell, or NaN; `zone` receives the written offset ('' when none). */
export function parseTimestamp(raw: string, zone?: (z: string) => void): number {
	const s = raw.trim();
	if (/^-?\d+(\.\d+)?$/.test(s)) {
		const x = Number(s);
		// Unix seconds until 5138 AD vs ms since 1973: the two ranges do not overlap.
		return Math.abs(x) < 1e11 ? x * 1000 : x;
	}
	const m = ISO.exec(s);
	if (m) {
		const off = m[3] ? m[3].toUpperCase() : '';
		zone?.(off);
		const norm = off === '' ? 'Z' : off.length === 5 ? `${off.slice(0, 3)}:${off.slice(3)}` : off;
		return Date.parse(`${m[1]}T${m[2]}${norm}`);
	}
	const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? Date.parse(`${s}T00:00:00Z`) : NaN;
	return d;
}

function splitLine(line: string): string[] {
	return line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

export function parseCsvSeries(text: string): CsvSeries {
	const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
	if (lines.length < 2) throw new CsvError('CSV needs a header line and at least one data row');
	const header = splitLine(lines[0]);
	let tc = header.findIndex((h) => TIME_NAMES.includes(h.toLowerCase()));
	if (tc < 0) tc = 0;
	const valueCols = header.map((h, i) => ({ h, i })).filter((c) => c.i !== tc);
	if (valueCols.length === 0) throw new CsvError('CSV has no value column besides the timestamp');
	const rows: { t: number; v: number[] }[] = [];
	const zones = new Set<string>();
	for (let r = 1; r < lines.length; r++) {
		const cells = splitLine(lines[r]);
		const t = parseTimestamp(cells[tc] ?? '', (z) => zones.add(z));
		if (!Number.isFinite(t)) {
			throw new CsvError(
				`line ${r + 1}: "${cells[tc]}" is not a timestamp (ISO 8601 or unix time)`
			);
		}
		const v = valueCols.map(({ h, i }) => {
			const cell = cells[i] ?? '';
			if (cell === '' || /^nan$/i.test(cell)) return NaN;
			const x = Number(cell);
			if (!Number.isFinite(x))
				throw new CsvError(`line ${r + 1}, column "${h}": "${cell}" is not a number`);
			return x;
		});
		rows.push({ t, v });
	}
	return finish(
		rows,
		valueCols.map((c) => c.h),
		zones
	);
}

function finish(
	rows: { t: number; v: number[] }[],
	names: string[],
	zones: Set<string>
): CsvSeries {
	const warnings: string[] = [];
	if (zones.size > 1) {
		const shown = [...zones].map((z) => z || 'none (UTC)').join(', ');
		warnings.push(`timestamps use different zone offsets (${shown}); all were converted to UTC`);
	}
	if (rows.some((r, i) => i > 0 && r.t < rows[i - 1].t)) {
		warnings.push('rows were not in time order; they were sorted by timestamp');
		rows = rows.map((r, i) => ({ ...r, i })).sort((a, b) => a.t - b.t || a.i - b.i);
	}
	const kept: typeof rows = [];
	let dups = 0;
	for (const r of rows) {
		if (kept.length && kept[kept.length - 1].t === r.t) {
			kept[kept.length - 1] = r;
			dups++;
		} else kept.push(r);
	}
	if (dups) warnings.push(`${dups} duplicate timestamp(s): the last row of each was kept`);
	const t = Float64Array.from(kept, (r) => r.t);
	const columns: Record<string, Float64Array> = {};
	names.forEach((n, k) => (columns[n] = Float64Array.from(kept, (r) => r.v[k])));
	return { t, columns, warnings };
}
