/**
 * The symptom: the user-facing signal the ranking must explain. Given by key, it must exist (an
 * unknown key is an error that names the closest keys); not given, it is the most anomalous
 * latency or error signal of an entry service (nobody calls it: front ends, gateways), or of any
 * service when entry services show nothing.
 */
import { closestNames } from '../shared/closest';
import type { ServiceGraph } from './graph';
import type { SignalSet } from './signals';
import type { QuantitySignal, SymptomInfo } from './types';

export class SymptomError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SymptomError';
	}
}

const info = (q: QuantitySignal, auto: boolean): SymptomInfo => ({
	key: q.key,
	service: q.service,
	family: q.family,
	auto,
	score: q.score,
	onset: q.onset
});

/** Latency and error series a user would feel (not waiting-on-callee latency, not window verdicts). */
const userFacing = (q: QuantitySignal) =>
	(q.family === 'latency' || q.family === 'errors') &&
	q.quantity !== 'latency:client' &&
	q.detail === undefined;

export function resolveSymptom(
	key: string | undefined,
	keys: string[],
	signals: SignalSet,
	graph: ServiceGraph | undefined
): SymptomInfo | undefined {
	if (key !== undefined) {
		if (!keys.includes(key)) {
			const near = closestNames(key, keys);
			const hint = near.length ? `; did you mean ${near.join(', ')}?` : '';
			throw new SymptomError(`unknown symptom series "${key}"${hint}`);
		}
		const q = signals.bySeries.get(key);
		if (!q)
			throw new SymptomError(`the symptom series "${key}" has no data to compare in these windows`);
		return info(q, false);
	}
	const pool = [...signals.bySeries.values()].filter(userFacing);
	const best = (list: QuantitySignal[]) =>
		list.reduce<QuantitySignal | undefined>((b, q) => (!b || q.score > b.score ? q : b), undefined);
	const entries = graph
		? pool.filter((q) => graph.nodes.has(q.service) && graph.isEntry(q.service))
		: [];
	const pick = best(entries.filter((q) => q.score > 0)) ?? best(pool);
	return pick ? info(pick, true) : undefined;
}
