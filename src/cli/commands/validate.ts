/**
 * `aitia validate <bundle>`: check a bundle and report what is in it, or every problem. It runs the
 * import's readers without keeping log rows (checkBundle), reading big files in pieces, so a bundle
 * of several GiB is checked in bounded memory.
 */
import { MAX_STAGED_UNZIPPED_BYTES, MAX_UNZIPPED_BYTES } from '$workers/bundle/zip';
import { checkBundleAt, formatIssue } from '../bundle-input';
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
		const result = await checkBundleAt(positionals[0]);
		if (!result.ok) {
			for (const issue of result.errors) io.out(formatIssue(issue));
			for (const issue of result.warnings) io.out(`warning: ${formatIssue(issue)}`);
			io.err(`invalid bundle: ${count(result.errors.length, 'error')}`);
			return 1;
		}
		const { manifest, counts, warnings } = result;
		const parts = [
			count(counts.series, 'series', 'series'),
			count(counts.points, 'point'),
			count(counts.logLines, 'log line'),
			count(counts.events, 'event'),
			count(warnings.length, 'warning')
		];
		io.out(`ok ${manifest.id}: ${parts.join(', ')}`);
		for (const issue of warnings) io.out(`warning: ${formatIssue(issue)}`);
		if (positionals[0].toLowerCase().endsWith('.zip') && result.bytes > MAX_UNZIPPED_BYTES) {
			// validate keeps no rows; `aitia run` holds them all and the browser import is measured
			// only up to its cap, hence their lower caps on archives.
			const gib = (n: number) => (n / 1024 ** 3).toFixed(2);
			const staged = result.bytes > MAX_STAGED_UNZIPPED_BYTES;
			io.out(
				`note: the archive unpacks to ${gib(result.bytes)} GiB; \`aitia run\` refuses archives over ${gib(MAX_UNZIPPED_BYTES)} GiB` +
					(staged ? `, the browser import over ${gib(MAX_STAGED_UNZIPPED_BYTES)} GiB` : '')
			);
		}
		return 0;
	}
});
