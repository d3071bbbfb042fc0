/** `aitia ate <file>`: average treatment effect (regression or PSM), optionally with refuters. */
import { readFile } from 'node:fs/promises';
import { estimateEffect } from '$workers/causal/effect';
import { parseTable } from '$workers/causal/table';
import { UsageError } from '../io';
import type { Command } from './command';

export const ateCommand: Command = {
	name: 'ate',
	usage:
		'ate <file.csv> --treatment T --outcome Y [--covariates a,b] [--method regression|psm] [--threshold x] [--refute]',
	summary: 'Average treatment effect with 95 % CI (and refuters with --refute), as JSON.',
	options: {
		treatment: { type: 'string' },
		outcome: { type: 'string' },
		covariates: { type: 'string' },
		method: { type: 'string' },
		threshold: { type: 'string' },
		refute: { type: 'boolean' }
	},
	async run({ positionals, values }, io) {
		const [file] = positionals;
		if (!file) throw new UsageError('missing <file>');
		const treatment = values.treatment as string | undefined;
		const outcome = values.outcome as string | undefined;
		if (!treatment || !outcome) throw new UsageError('--treatment and --outcome are required');
		const method = (values.method as string | undefined) ?? 'regression';
		if (method !== 'regression' && method !== 'psm')
			throw new UsageError('--method must be regression or psm');
		const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
		const covariates = values.covariates
			? String(values.covariates)
					.split(',')
					.map((c) => c.trim())
					.filter(Boolean)
			: [];
		const table = parseTable(await readFile(file, 'utf8'));
		const result = estimateEffect(table, {
			treatment,
			outcome,
			covariates,
			method,
			threshold,
			refute: !!values.refute
		});
		io.out(JSON.stringify(result));
		return 0;
	}
};
