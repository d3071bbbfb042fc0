/**
 * Loads a NAB-style corpus: `data/<folder>/*.csv` and `labels/combined_windows.json`. Every folder
 * under data/ is read, so a corpus with more folders than the AWS one is scored the same way.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseTimestamp } from '../../../workers/metrics/csv';
import { rowWindows, type RowWindow } from '../../../workers/metrics/nab-score';

export const NAB_ROOT = path.resolve(import.meta.dirname, '../../../../shared/datasets/nab');

export interface NabFile {
	/** "<folder>/<file>.csv", the key of the label files. */
	name: string;
	t: Float64Array;
	v: Float64Array;
	windows: RowWindow[];
}

/**
 * Rows exactly as written: NAB scores by row index, and some files repeat a timestamp (the CLI's
 * reader would drop the repeat and shift every later window by a row).
 */
function rawRows(text: string): { t: Float64Array; v: Float64Array } {
	const lines = text.trim().split(/\r?\n/).slice(1);
	const t = new Float64Array(lines.length);
	const v = new Float64Array(lines.length);
	lines.forEach((line, i) => {
		const [a, b] = line.split(',');
		t[i] = parseTimestamp(a);
		v[i] = Number(b);
	});
	return { t, v };
}

/** All labelled files, sorted by name; undefined when the corpus is missing. */
export function loadNab(root = NAB_ROOT): NabFile[] | undefined {
	const dataDir = path.join(root, 'data');
	if (!existsSync(dataDir)) return undefined;
	const labels = JSON.parse(
		readFileSync(path.join(root, 'labels/combined_windows.json'), 'utf8')
	) as Record<string, [string, string][]>;
	const out: NabFile[] = [];
	for (const folder of readdirSync(dataDir).sort()) {
		const dir = path.join(dataDir, folder);
		if (!statSync(dir).isDirectory()) continue;
		for (const f of readdirSync(dir)
			.filter((x) => x.endsWith('.csv'))
			.sort()) {
			const name = `${folder}/${f}`;
			const text = readFileSync(path.join(dir, f), 'utf8');
			const { t, v } = rawRows(text);
			const spans = (labels[name] ?? []).map(([a, b]) => ({
				start: parseTimestamp(a),
				end: parseTimestamp(b)
			}));
			out.push({ name, t, v, windows: rowWindows(t, spans) });
		}
	}
	return out;
}
