/**
 * Writes tests/fixtures/logs/trainticket-slice.jsonl, the committed slice behind the retrieval
 * floor of tests/unit/search/retrieval-floor.test.ts: from the Nezha TrainTicket logs (MIT), the
 * first 2 distinct lines (as the eval embeds them) of every log statement, text cut at 600
 * characters (MiniLM reads 256 word pieces at most). Run: `npx tsx tests/eval/semantic/make-slice.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readTrainTicketLines } from './trainticket';
import { distinctPerStatement } from './trainticket-eval';

const OUT = fileURLToPath(new URL('../../fixtures/logs/trainticket-slice.jsonl', import.meta.url));
export const SLICE_PER_STATEMENT = 2;
export const SLICE_MAX_CHARS = 600;

const rows = distinctPerStatement(readTrainTicketLines(), SLICE_PER_STATEMENT).map((l) =>
	JSON.stringify({
		statement: l.statement,
		service: l.service,
		text: l.text.slice(0, SLICE_MAX_CHARS)
	})
);
writeFileSync(OUT, rows.join('\n') + '\n');
console.log(`${rows.length} lines → ${OUT}`);
