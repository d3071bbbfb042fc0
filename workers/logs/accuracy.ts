/**
 * Grouping accuracy (GA) of a log parser, as defined by Zhu et al. (ICSE-SEIP 2019): a line counts
 * as correctly parsed when the set of lines in its predicted group equals the set of lines in its
 * true group exactly; GA is the share of such lines.
 */

/** GA of predicted group labels against true labels (same length, one label per line). */
export function groupingAccuracy(
	predicted: ArrayLike<string | number>,
	truth: ArrayLike<string>
): number {
	if (predicted.length !== truth.length) {
		throw new Error(`groupingAccuracy: ${predicted.length} predictions for ${truth.length} lines`);
	}
	if (truth.length === 0) return 1;
	const byPred = new Map<string | number, number[]>();
	for (let i = 0; i < predicted.length; i++) {
		const list = byPred.get(predicted[i]);
		if (list) list.push(i);
		else byPred.set(predicted[i], [i]);
	}
	const truthSize = new Map<string, number>();
	for (let i = 0; i < truth.length; i++)
		truthSize.set(truth[i], (truthSize.get(truth[i]) ?? 0) + 1);
	let correct = 0;
	for (const lines of byPred.values()) {
		const label = truth[lines[0]];
		// Equal sets: every line of the predicted group has the same true label, and that true
		// group has no other lines.
		if (lines.every((i) => truth[i] === label) && truthSize.get(label) === lines.length) {
			correct += lines.length;
		}
	}
	return correct / truth.length;
}
