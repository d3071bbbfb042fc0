/** `aitia rank <bundle>`: ranked root-cause candidates of an incident bundle, as JSON. */
import { rcaSeries } from '$workers/causal/cells';
import { rankRootCauses } from '$workers/causal/rca';
import { formatIssue, loadBundle } from '../bundle-input';
import { UsageError } from '../io';
import type { Command } from './command';

export const rankCommand: Command = {
	name: 'rank',
	usage: 'rank <bundle> [--symptom <series>] [--threshold 3]',
	summary: 'Root-cause ranking (robust baseline vs incident, upstream first), as JSON.',
	options: { symptom: { type: 'string' }, threshold: { type: 'string' } },
	async run({ positionals, values }, io) {
		const [path] = positionals;
		if (!path) throw new UsageError('missing <bundle>');
		const parsed = await loadBundle(path);
		if (!parsed.ok) {
			for (const issue of parsed.errors) io.err(formatIssue(issue));
			return 1;
		}
		const { manifest, series, topology } = parsed.bundle;
		if (!manifest.baseline) {
			io.err('aitia rank: the bundle has no baseline window');
			return 1;
		}
		const incident = { start: manifest.baseline.end + 1, end: manifest.timeRange.end };
		const ranked = rankRootCauses({
			series: rcaSeries(series, manifest.baseline, incident),
			topology,
			symptom: values.symptom as string | undefined,
			threshold: values.threshold === undefined ? undefined : Number(values.threshold)
		});
		io.out(
			JSON.stringify(
				ranked.map(({ service, metric, score, evidence }) => ({ service, metric, score, evidence }))
			)
		);
		return 0;
	}
};
