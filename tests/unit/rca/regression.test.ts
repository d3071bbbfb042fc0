/**
 * CI regression floor on a fixed slice of real cases (tests/fixtures/rca: Nezha OnlineBoutique and
 * TrainTicket, MIT), ranked by `aitia rca-eval` in-process. The floors sit a little under what the
 * default method scores today (npm run eval -- rca reports the full datasets); a drop below them
 * is a regression to explain, not noise.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';

const FIXTURES = new URL('../../fixtures/rca/', import.meta.url).pathname;

describe('root-cause ranking on the committed slice of real incidents', () => {
	it('keeps AC@1 and AC@3 above their floors', { timeout: 120_000 }, async () => {
		const out: string[] = [];
		const code = await main(['rca-eval', FIXTURES, '--format', 'json'], {
			out: (l) => out.push(l),
			err: () => {}
		});
		expect(code).toBe(0);
		const { scorecard } = JSON.parse(out[0]);
		expect(scorecard.overall.n).toBe(19);
		expect(scorecard.byDataset['nezha-online-boutique'].ac[1]).toBeGreaterThanOrEqual(0.7);
		expect(scorecard.byDataset['nezha-online-boutique'].ac[3]).toBeGreaterThanOrEqual(0.9);
		expect(scorecard.byDataset['nezha-trainticket'].ac[1]).toBeGreaterThanOrEqual(0.75);
	});
});
