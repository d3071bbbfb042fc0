/** `aitia pc <file>`: PC (Fisher-z) on a numeric file; prints the CPDAG as a matrix or JSON. */
import { readFile } from 'node:fs/promises';
import { runPc } from '$workers/causal/pc';
import { parseTable } from '$workers/causal/table';
import { UsageError } from '../io';
import type { Command } from './command';

const num = (v: unknown, name: string, def: number): number => {
	if (v === undefined) return def;
	const n = Number(v);
	if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number`);
	return n;
};

export const pcCommand: Command = {
	name: 'pc',
	usage:
		'pc <file.csv|.tsv|.txt> [--alpha 0.05] [--depth -1] [--uc-rule 0] [--uc-priority 2] [--format matrix|json]',
	summary: "PC causal discovery (Fisher-z); matrix = causal-learn's endpoint encoding.",
	options: {
		alpha: { type: 'string' },
		depth: { type: 'string' },
		'uc-rule': { type: 'string' },
		'uc-priority': { type: 'string' },
		format: { type: 'string' }
	},
	async run({ positionals, values }, io) {
		const [file] = positionals;
		if (!file) throw new UsageError('missing <file>');
		const format = (values.format as string | undefined) ?? 'matrix';
		if (format !== 'matrix' && format !== 'json')
			throw new UsageError('--format must be matrix or json');
		const table = parseTable(await readFile(file, 'utf8'));
		const result = await runPc(table, {
			alpha: num(values.alpha, 'alpha', 0.05),
			depth: num(values.depth, 'depth', -1),
			ucRule: num(values['uc-rule'], 'uc-rule', 0) as 0 | 1 | 2,
			ucPriority: num(values['uc-priority'], 'uc-priority', 2) as 2
		});
		if (format === 'matrix') for (const row of result.matrix) io.out(row.join(' '));
		else io.out(JSON.stringify(result));
		return 0;
	}
};
