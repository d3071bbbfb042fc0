/**
 * `aitia templates <logfile> [--format text|jsonl]`: mines templates and prints one JSON line per
 * input line ({line, templateId, template}) with the final templates, then one summary line.
 */
import { readFile } from 'node:fs/promises';
import { DrainMiner, templateText } from '$workers/logs/drain';
import { readLogLines } from '$workers/logs/input';
import { UsageError, type Io } from '../io';
import { defineCommand } from './command';

export const templatesCommand = defineCommand({
	name: 'templates',
	usage: 'templates <logfile> [--format text|jsonl]',
	summary: 'Mine log templates: one JSON line per input line, then a summary line.',
	options: { format: { type: 'enum', values: ['text', 'jsonl'], default: 'text' } },
	async run({ positionals, values }, io: Io) {
		if (positionals.length !== 1) throw new UsageError('templates takes exactly one log file');
		const { format } = values;
		let bytes: Uint8Array;
		try {
			bytes = new Uint8Array(await readFile(positionals[0]));
		} catch (e) {
			throw new UsageError(`cannot read ${positionals[0]}: ${(e as Error).message}`);
		}
		const { lines, report } = readLogLines(bytes, format);
		const miner = new DrainMiner();
		const raw = lines.map((l) => miner.add(l.message));
		for (let i = 0; i < lines.length; i++) {
			const c = miner.clusters[miner.resolve(raw[i])];
			const row: Record<string, unknown> = {
				line: lines[i].line,
				templateId: c.id,
				template: templateText(c)
			};
			if (lines[i].problem) row.problem = lines[i].problem;
			io.out(JSON.stringify(row));
		}
		const templates = new Set(raw.map((r) => miner.resolve(r))).size;
		io.out(JSON.stringify({ summary: { ...report, templates, settings: miner.options } }));
		if (lines.length === 0) io.err(`${positionals[0]}: empty log, no templates`);
		return 0;
	}
});
