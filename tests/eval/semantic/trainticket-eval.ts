/**
 * The TrainTicket part of `npm run eval -- semantic` (and, on a committed slice, of the CI floor).
 * Ground truth: the log statement (`class#line`) every TrainTicket line names; the eval embeds the
 * line without it (see trainticket.ts).
 * (a) NN purity: up to 5 distinct lines per statement; share whose nearest other line comes from the
 *     same statement, and from the same service.
 * (b) Retrieval over the Drain templates mined from the lines (a template's label = the statement
 *     most of its lines come from), with TRAINTICKET_QUERIES.
 */
import { SAMPLES_PER_TEMPLATE } from '../../../workers/logs/build';
import { DrainMiner, templateText } from '../../../workers/logs/drain';
import { purity, retrieval, type RankerFactory } from './rank';
import type { TrainTicketLine } from './trainticket';
import { TRAINTICKET_QUERIES } from './trainticket-queries';

/** Mined templates with their majority statement. */
export interface TemplateCorpus {
	docs: string[];
	statement: string[];
	/**
	 * Per template, up to SAMPLES_PER_TEMPLATE distinct lines other than its text: what the
	 * product's log index embeds besides the templates (workers/logs/build.ts).
	 */
	samples: string[][];
}

export function mineTemplates(lines: TrainTicketLine[]): TemplateCorpus {
	const miner = new DrainMiner();
	const raw = lines.map((l) => miner.add(l.text));
	const votes = new Map<number, Map<string, number>>();
	const lineSets = new Map<number, Set<string>>();
	raw.forEach((r, i) => {
		const live = miner.resolve(r);
		const v = votes.get(live) ?? new Map<string, number>();
		v.set(lines[i].statement, (v.get(lines[i].statement) ?? 0) + 1);
		votes.set(live, v);
		const s = lineSets.get(live) ?? new Set<string>();
		if (s.size < SAMPLES_PER_TEMPLATE) s.add(lines[i].text);
		lineSets.set(live, s);
	});
	const docs: string[] = [];
	const statement: string[] = [];
	const samples: string[][] = [];
	for (const [live, v] of votes) {
		const text = templateText(miner.clusters[live]);
		docs.push(text);
		statement.push([...v].sort((a, b) => b[1] - a[1])[0][0]);
		samples.push([...(lineSets.get(live) ?? [])].filter((l) => l !== text));
	}
	return { docs, statement, samples };
}

/** Up to `per` distinct lines per statement, in first-seen order. */
export function distinctPerStatement(lines: TrainTicketLine[], per: number): TrainTicketLine[] {
	const seen = new Map<string, Set<string>>();
	const out: TrainTicketLine[] = [];
	for (const l of lines) {
		const s = seen.get(l.statement) ?? new Set<string>();
		seen.set(l.statement, s);
		if (s.size < per && !s.has(l.text)) {
			s.add(l.text);
			out.push(l);
		}
	}
	return out;
}

/** Queries with the templates they find relevant (queries with none are dropped). */
export function labelledQueries(corpus: TemplateCorpus, strict: boolean) {
	const known = new Set(corpus.statement);
	const out = [];
	for (const q of TRAINTICKET_QUERIES) {
		const missing = q.statements.filter((s) => !known.has(s));
		if (strict && missing.length === q.statements.length)
			throw new Error(`query "${q.query}": no template of ${missing.join(', ')}`);
		const relevant = new Set(
			corpus.statement.flatMap((s, i) => (q.statements.includes(s) ? [i] : []))
		);
		if (relevant.size) out.push({ query: q.query, relevant });
	}
	return out;
}

/**
 * A ranker over templates that also indexes each template's sample lines, as the product's log
 * index does: a line's hit counts for its template, each template once, in order of first hit.
 */
export function withSamples(make: RankerFactory, corpus: TemplateCorpus): RankerFactory {
	return async (docs) => {
		const owner = docs.map((_, i) => i);
		const all = [...docs];
		corpus.samples.forEach((lines, i) => {
			for (const l of lines) {
				all.push(l);
				owner.push(i);
			}
		});
		const inner = await make(all);
		return async (query, k) => {
			const seen = new Set<number>();
			for (const row of await inner(query, all.length)) {
				seen.add(owner[row]);
				if (seen.size >= k) break;
			}
			return [...seen];
		};
	};
}

/** Purity (by statement, by service) and retrieval of one method. */
export async function evalTrainTicket(
	make: RankerFactory,
	sample: TrainTicketLine[],
	corpus: TemplateCorpus,
	queries: ReturnType<typeof labelledQueries>
) {
	const text = sample.map((l) => l.text);
	return {
		purityStatement: await purity(
			make,
			text,
			sample.map((l) => l.statement)
		),
		purityService: await purity(
			make,
			text,
			sample.map((l) => l.service)
		),
		...(await retrieval(await make(corpus.docs), queries, corpus.docs.length))
	};
}
