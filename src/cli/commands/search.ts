/**
 * `aitia search <bundle> "<query>" [--k 10]`: mines the bundle's log templates, embeds templates
 * and sampled lines, prints the embedder line and then the k best templates with lines and scores.
 */
import { selectEmbedder } from '$workers/embed/select';
import { buildLogSearch, searchLogs } from '$workers/search/log-search';
import { formatIssue, loadBundle } from '../bundle-input';
import { UsageError, type Io } from '../io';
import { defineCommand } from './command';

export const searchCommand = defineCommand({
	name: 'search',
	usage: 'search <bundle> "<query>" [--k 10] [--models <dir>]',
	summary: 'Search an incident’s logs by meaning (MiniLM if available, else lexical).',
	options: {
		k: { type: 'number', integer: true, min: 1, default: 10 },
		models: { type: 'string', default: 'static/models/' }
	},
	async run({ positionals, values }, io: Io) {
		if (positionals.length !== 2) throw new UsageError('search takes a bundle path and a query');
		const result = await loadBundle(positionals[0]);
		if (!result.ok) {
			for (const issue of result.errors) io.out(formatIssue(issue));
			io.err('invalid bundle');
			return 1;
		}
		const logs = result.bundle.logs;
		const choice = await selectEmbedder({
			prefer: 'auto',
			localModelPath: values.models,
			allowHub: false
		});
		io.out(JSON.stringify({ embedder: choice.embedder.name, reason: choice.reason }));
		const lines = Array.from({ length: logs.length }, (_, i) => ({
			t: logs.t[i],
			message: logs.message[i]
		}));
		const index = await buildLogSearch(lines, choice.embedder);
		for (const hit of await searchLogs(index, choice.embedder, positionals[1], values.k)) {
			io.out(
				JSON.stringify({
					...hit,
					lines: hit.lines.map((l) => ({ ...l, t: new Date(l.t).toISOString() }))
				})
			);
		}
		return 0;
	}
});
