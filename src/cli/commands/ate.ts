/** `aitia ate <file>`: average treatment effect (regression or PSM), optionally with refuters. */
import { readFile } from 'node:fs/promises';
import { estimateEffect } from '$workers/causal/effect';
import { parseTable } from '$workers/causal/table';
import { UsageError } from '../io';
import { defineCommand } from './command';

export const ateCommand = defineCommand({
	name: 'ate',
	usage:
		'ate <file.csv> --treatment T --outcome Y [--covariates a,b] [--method regression|psm] [--threshold x] [--refute]',
	summary: 'Average treatment effect with 95 % CI (and refuters with --refute), as JSON.',
	options: {
		treatment: { type: 'string' },
		outcome: { type: 'string' },
		covariates: { type: 'list', of: 'string' },
		method: { type: 'enum', values: ['regression', 'psm'], default: 'regression' },
		threshold: { type: 'number' },
		refute: { type: 'boolean' }
	},
	async run({ positionals, values }, io) {
		const [file] = positionals;
		if (!file) throw new UsageError('missing <file>');
		const { treatment, outcome, method, threshold, refute } = values;
		if (!treatment || !outcome) throw new UsageError('--treatment and --outcome are required');
		const covariates = values.covariates ?? [];
		const table = parseTable(await readFile(file, 'utf8'));
		const spec = { treatment, outcome, covariates, method, threshold, refute };
		const result = estimateEffect(table, spec);
		io.out(JSON.stringify(result));
		return 0;
	}
});
