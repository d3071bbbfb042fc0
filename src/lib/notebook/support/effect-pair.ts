/**
 * Which pair the effect cell estimates when its treatment or outcome is left empty. With a
 * root-cause ranking wired in, the question is "how much does the top candidate move the
 * symptom?": the outcome is the ranking's symptom and the treatment the strongest series of the
 * best-ranked candidate with a usable series in the data cell (present in the window, not
 * constant). Without a ranking (or when no candidate has a usable series), the name rule: the
 * user-facing series, and a saturation series of another service.
 */
import type { RootCauseOutput } from '$workers/shared/outputs-causal';
import { metricClass, userFacingSeries } from './suggest';

export interface ChosenPair {
	treatment?: string;
	outcome?: string;
	/** How an empty field was filled, in words (shown with the estimate). */
	notes: string[];
}

/** Fills the empty ones of `treatment`/`outcome` from `ranking`, else from series names. */
export function chooseEffectPair(
	given: { treatment: string; outcome: string },
	available: string[],
	ranking?: RootCauseOutput
): ChosenPair {
	const has = new Set(available);
	const notes: string[] = [];
	let outcome = given.outcome || undefined;
	let treatment = given.treatment || undefined;
	if (!outcome && ranking?.symptom && has.has(ranking.symptom.key)) {
		outcome = ranking.symptom.key;
		notes.push(`Outcome ${outcome}: the symptom the root-cause ranking explains.`);
	}
	if (!treatment && ranking) {
		const skipped: string[] = [];
		for (const c of ranking.candidates) {
			const keys = [c.sampleKey, ...c.signals.map((s) => s.key)].filter(
				(k): k is string => !!k && has.has(k) && k !== outcome
			);
			if (!keys.length) {
				skipped.push(c.service);
				continue;
			}
			treatment = keys[0];
			const named =
				skipped.length > 3
					? `${skipped.slice(0, 3).join(', ')} and ${skipped.length - 3} more`
					: skipped.join(', ');
			const why = skipped.length
				? ` (${named}, ranked higher, ${skipped.length > 1 ? 'have' : 'has'} no usable series in the data cell)`
				: '';
			notes.push(
				`Treatment ${treatment}: the strongest series of ${c.service}, rank ${c.rank} in the ranking${why}.`
			);
			break;
		}
	}
	if (!outcome && available.length > 1) {
		outcome = userFacingSeries(available.filter((k) => k !== treatment));
		if (outcome) notes.push(`Outcome ${outcome}: the user-facing series, chosen by its name.`);
	}
	if (!treatment && outcome) {
		const rest = available.filter((k) => k !== outcome);
		const svc = outcome.slice(0, outcome.indexOf('.'));
		const other = rest.filter((k) => !k.startsWith(`${svc}.`));
		treatment = other.find((k) => metricClass(k).family === 'saturation') ?? other[0] ?? rest[0];
		if (treatment)
			notes.push(
				`Treatment ${treatment}: ${ranking ? 'no ranked candidate has a usable series in the data cell; ' : ''}a saturation series of another service, chosen by its name.`
			);
	}
	return { treatment, outcome, notes };
}
