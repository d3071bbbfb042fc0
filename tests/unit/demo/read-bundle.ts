/**
 * A deliberately small, independent reader of the demo files, so the tests check what is
 * written to disk rather than the generator's in-memory arrays.
 */
import type { DemoFile } from '../../../workers/demo/generate';

export interface ReadSeries {
	/** Timestamps, epoch ms, in file order. */
	t: number[];
	/** Values; NaN for an empty cell. */
	v: number[];
}

export interface ReadLog {
	/** Epoch ms. */
	t: number;
	/** Lower-case level; 'info' when the line has none. */
	level: string;
	/** Service from the JSON field or the `[service]` tag. */
	service: string;
	/** Message text (first line). */
	message: string;
	/** Continuation lines that followed. */
	more: number;
}

const text = (f: DemoFile): string => new TextDecoder().decode(f.bytes);

export function fileText(files: DemoFile[], path: string): string {
	const f = files.find((x) => x.path === path);
	if (!f) throw new Error(`missing ${path}`);
	return text(f);
}

/** All series of all metrics/*.csv files, wide or long, keyed `service.metric`. */
export function readSeries(files: DemoFile[]): Map<string, ReadSeries> {
	const out = new Map<string, ReadSeries>();
	const get = (k: string): ReadSeries => {
		if (!out.has(k)) out.set(k, { t: [], v: [] });
		return out.get(k)!;
	};
	for (const f of files.filter((x) => x.path.startsWith('metrics/'))) {
		const [header, ...rows] = text(f).trimEnd().split('\n');
		const cols = header.split(',');
		const isLong = cols[1] === 'service';
		for (const row of rows) {
			const cells = row.split(',');
			const t = Date.parse(cells[0]);
			if (isLong) {
				const s = get(`${cells[1]}.${cells[2]}`);
				s.t.push(t);
				s.v.push(Number(cells[3]));
				continue;
			}
			for (let c = 1; c < cols.length; c++) {
				const s = get(cols[c]);
				s.t.push(t);
				s.v.push(cells[c] === '' ? NaN : Number(cells[c]));
			}
		}
	}
	return out;
}

const PLAIN =
	/^(\d{4}-\d\d-\d\dT[\d:.]+Z)(?: (TRACE|DEBUG|INFO|WARN|ERROR|FATAL))?(?: \[([^\]]+)\])? (.*)$/;

/** Logical log lines of every logs/* file. */
export function readLogs(files: DemoFile[]): ReadLog[] {
	const out: ReadLog[] = [];
	for (const f of files.filter((x) => x.path.startsWith('logs/'))) {
		for (const line of text(f).trimEnd().split('\n')) {
			if (f.path.endsWith('.jsonl')) {
				const o = JSON.parse(line) as Record<string, string>;
				out.push({
					t: Date.parse(o.ts),
					level: o.level,
					service: o.service,
					message: o.message,
					more: 0
				});
				continue;
			}
			const m = PLAIN.exec(line);
			if (!m) {
				out[out.length - 1].more++;
				continue;
			}
			const level = (m[2] ?? 'info').toLowerCase();
			out.push({ t: Date.parse(m[1]), level, service: m[3] ?? '', message: m[4], more: 0 });
		}
	}
	return out;
}
