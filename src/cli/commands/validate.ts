/** `aitia validate <bundle>`: parse a bundle and report what is in it, or every problem. */
import { formatIssue, loadBundle } from '../bundle-input';
import { UsageError, type Io } from '../io';
import { defineCommand } from './command';

const count = (n: number, word: string, plural = word + 's') =>
	`${n.toLocaleString('en-US')} ${n === 1 ? word : plural}`;

export const validateCommand = defineCommand({
	name: 'validate',
	usage: 'validate <bundle>',
	summary: 'Check an incident bundle (folder, .zip or .json) and summarise it.',
	options: {},
	async run({ positionals }, io: Io) {
		if (positionals.length !== 1) throw new UsageError('validate takes exactly one bundle path');
		const result = await loadBundle(positionals[0]);
		if (!result.ok) {
			for (const issue of result.errors) io.out(formatIssue(issue));
			for (const issue of result.warnings) io.out(`warning: ${formatIssue(issue)}`);
			io.err(`invalid bundle: ${count(result.errors.length, 'error')}`);
			return 1;
		}
		const { bundle, warnings } = result;
		const points = bundle.series.reduce((n, s) => n + s.t.length, 0);
		const parts = [
			count(bundle.series.length, 'series', 'series'),
			count(points, 'point'),
			count(bundle.logs.length, 'log line'),
			count(bundle.events.length, 'event'),
			count(warnings.length, 'warning')
		];
		io.out(`ok ${bundle.manifest.id}: ${parts.join(', ')}`);
		for (const issue of warnings) io.out(`warning: ${formatIssue(issue)}`);
		return 0;
	}
});
