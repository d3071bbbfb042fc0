/**
 * Numeric tables for the causal engine: parsing text files (headerless numeric files and
 * causal-learn's header-row files, tab / space / comma separated) and the input checks that keep
 * NaNs out of every estimate. Columns are Float64Arrays (one per variable).
 */

/** A numeric table, column-major. */
export interface NumericTable {
	/** Variable names (X1..Xp when the file had no header). */
	names: string[];
	/** One array per variable, all of length `rows`. */
	columns: Float64Array[];
	/** Number of rows. */
	rows: number;
}

/** Input the engine refuses, with a message that names the column or the problem. */
export class DataError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DataError';
	}
}

function splitLine(line: string): string[] {
	const trimmed = line.trim();
	if (trimmed.includes(',')) return trimmed.split(',').map((c) => c.trim());
	if (trimmed.includes('\t')) return trimmed.split('\t').map((c) => c.trim());
	return trimmed.split(/\s+/);
}

const isNumeric = (cell: string): boolean => cell !== '' && Number.isFinite(Number(cell));

/**
 * Parses delimited text. The first line is a header when any of its cells is not a number.
 * Empty cells and non-numeric values become NaN here; `checkTable` reports them.
 */
export function parseTable(text: string): NumericTable {
	const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
	if (lines.length === 0) throw new DataError('the file has no rows');
	const first = splitLine(lines[0]);
	const hasHeader = first.some((c) => !isNumeric(c));
	const names = hasHeader
		? first.map((c) => c.replace(/^"|"$/g, ''))
		: first.map((_, i) => `X${i + 1}`);
	const body = hasHeader ? lines.slice(1) : lines;
	const p = names.length;
	const columns = names.map(() => new Float64Array(body.length));
	body.forEach((line, r) => {
		const cells = splitLine(line);
		if (cells.length !== p) {
			throw new DataError(`row ${r + 1} has ${cells.length} values, expected ${p}`);
		}
		for (let j = 0; j < p; j++) columns[j][r] = cells[j] === '' ? NaN : Number(cells[j]);
	});
	return { names, columns, rows: body.length };
}

/** Keeps the named columns, in the given order. */
export function selectColumns(table: NumericTable, names: string[]): NumericTable {
	const columns = names.map((n) => {
		const i = table.names.indexOf(n);
		if (i < 0) throw new DataError(`no column named "${n}" (have: ${table.names.join(', ')})`);
		return table.columns[i];
	});
	return { names: [...names], columns, rows: table.rows };
}

/** Options of the input checks. */
export interface CheckOptions {
	/** Refuse tables with fewer rows than this many times the number of variables (default 1). */
	minRowsPerVariable?: number;
}

/**
 * Refuses what would otherwise surface as a silent NaN: missing / non-numeric values (named by
 * column and row), constant columns, and fewer rows than variables.
 */
export function checkTable(table: NumericTable, opts: CheckOptions = {}): void {
	const p = table.names.length;
	if (p === 0) throw new DataError('the table has no columns');
	const minRows = Math.max(p + 1, Math.ceil((opts.minRowsPerVariable ?? 1) * p), 4);
	if (table.rows < minRows) {
		throw new DataError(
			`${table.rows} rows for ${p} variables: need at least ${minRows} rows for the tests to be defined`
		);
	}
	table.columns.forEach((col, j) => {
		for (let r = 0; r < col.length; r++) {
			if (!Number.isFinite(col[r])) {
				throw new DataError(
					`column "${table.names[j]}" has a missing or non-numeric value at row ${r + 1}; remove or impute it first`
				);
			}
		}
		let same = true;
		for (let r = 1; r < col.length && same; r++) same = col[r] === col[0];
		if (same) {
			throw new DataError(
				`column "${table.names[j]}" is constant (${col[0]}); it carries no information, drop it`
			);
		}
	});
}
