/** `aitia pc <file>`: PC (Fisher-z) on a numeric file; prints the CPDAG as a matrix or JSON. */
import { readFile } from 'node:fs/promises';
import { runPc } from '$workers/causal/pc';
import { parseTable } from '$workers/causal/table';
import { UsageError } from '../io';
import { invalidOption } from '../options';
import { defineCommand } from './command';

export const pcCommand = defineCommand({
	name: 'pc',
	usage:
		'pc <file.csv|.tsv|.txt> [--alpha 0.05] [--depth -1] [--uc-rule 0] [--uc-priority 2] [--format matrix|json]',
	summary: "PC causal discovery (Fisher-z); matrix = causal-learn's endpoint encoding.",
	options: {
		alpha: { type: 'number', min: 0, max: 1, exclusive: true, default: 0.05 },
		// -1 = no depth limit (causal-learn's convention).
		depth: { type: 'number', integer: true, min: -1, default: -1 },
		'uc-rule': { type: 'number', integer: true, min: 0, max: 2, default: 0 },
		// -1 = the rule's own default priority.
		'uc-priority': { type: 'number', integer: true, min: -1, max: 4, default: 2 },
		format: { type: 'enum', values: ['matrix', 'json'], default: 'matrix' }
	},
	async run({ positionals, values }, io) {
		const [file] = positionals;
		if (!file) throw new UsageError('missing <file>');
		const { 'uc-rule': ucRule, 'uc-priority': ucPriority } = values;
		// Checked here rather than left to runPc's RangeError, so it is a usage error (exit 2).
		if (ucRule === 2 && ![-1, 2, 3, 4].includes(ucPriority)) {
			throw invalidOption('uc-priority', '-1, 2, 3 or 4 with --uc-rule 2', String(ucPriority));
		}
		const table = parseTable(await readFile(file, 'utf8'));
		// The casts narrow integers whose range the option specs above have already checked.
		const result = await runPc(table, {
			alpha: values.alpha,
			depth: values.depth,
			ucRule: ucRule as 0 | 1 | 2,
			ucPriority: ucPriority as -1 | 0 | 1 | 2 | 3 | 4
		});
		if (values.format === 'matrix') for (const row of result.matrix) io.out(row.join(' '));
		else io.out(JSON.stringify(result));
		return 0;
	}
});
