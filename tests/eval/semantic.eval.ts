/**
 * `npm run eval -- semantic`: does MiniLM search logs better than the honest baselines?
 * Loghub (nine 2k samples, research use only):
 * (a) Nearest-neighbour purity: up to 5 distinct lines per ground-truth template of each system;
 *     share of lines whose nearest other line has the same template.
 * (b) Retrieval over the distinct ground-truth templates of the nine samples, pooled (528): queries of
 *     tests/eval/semantic/queries.ts, recall@10 (relevant in top 10 / min(relevant, 10)) and MRR.
 * Nezha TrainTicket (MIT): the same measures with the log statement as ground truth
 * (tests/eval/semantic/trainticket-eval.ts).
 * MiniLM q8 (shipped, onnxruntime-node) vs lexical-hash-v1 vs BM25 vs hybrid (RRF of BM25 and
 * MiniLM); then every query where MiniLM ranks the first relevant template below BM25 or hybrid.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { LexicalEmbedder } from '../../workers/embed/lexical';
import {
	loadTransformersEmbedder,
	MINILM_MAX_TOKENS,
	MINILM_MODEL
} from '../../workers/embed/transformers';
import { readStructured } from './loghub.eval';
import { QUERIES } from './semantic/queries';
import {
	bm25Ranker,
	hybridRanker,
	purity,
	retrieval,
	vectorRanker,
	type RankerFactory
} from './semantic/rank';
import { readTrainTicketLines, TRAINTICKET } from './semantic/trainticket';
import {
	distinctPerStatement,
	evalTrainTicket,
	labelledQueries,
	mineTemplates,
	withSamples
} from './semantic/trainticket-eval';

const ROOT = path.resolve(import.meta.dirname, '../../../shared/datasets/loghub');
const MODELS = path.resolve(import.meta.dirname, '../../static/models');
const SYSTEMS = 'HDFS BGL OpenStack Apache Linux OpenSSH Zookeeper Hadoop Spark'.split(' ');

type Per = { recall: number; rr: number; firstRank: number }[];
type Method = [string, RankerFactory];

/** Lines of one system: up to 5 distinct ones per ground-truth template. */
function sampleLines(system: string): { text: string[]; label: string[] } {
	const { content, truth } = readStructured(
		path.join(ROOT, system, `${system}_2k.log_structured.csv`)
	);
	const per = new Map<string, Set<string>>();
	content.forEach((c, i) => {
		const s = per.get(truth[i]) ?? new Set();
		if (s.size < 5) s.add(c);
		per.set(truth[i], s);
	});
	const text: string[] = [];
	const label: string[] = [];
	for (const [t, s] of per) {
		for (const c of s) {
			text.push(c);
			label.push(t);
		}
	}
	return { text, label };
}

const n3 = (x: number) => x.toFixed(3).padStart(9);
const rank = (r: number) => (Number.isFinite(r) ? String(r) : '-');

/** Queries where MiniLM's first relevant hit is below BM25's or hybrid's. */
function losses(queries: string[], per: Map<string, Per>): void {
	const mini = per.get('MiniLM q8')!;
	const bm25 = per.get('BM25')!;
	const hyb = per.get('hybrid (BM25+MiniLM, RRF)')!;
	const lost = queries.flatMap((_, i) =>
		mini[i].firstRank > Math.min(bm25[i].firstRank, hyb[i].firstRank) ? [i] : []
	);
	console.log(
		`  MiniLM loses (first relevant lower than BM25 or hybrid) on ${lost.length} of ${queries.length}:`
	);
	for (const i of lost)
		console.log(
			`    "${queries[i]}": first relevant at MiniLM ${rank(mini[i].firstRank)}, BM25 ${rank(bm25[i].firstRank)}, hybrid ${rank(hyb[i].firstRank)}; recall@10 ${mini[i].recall.toFixed(2)} / ${bm25[i].recall.toFixed(2)} / ${hyb[i].recall.toFixed(2)}`
		);
}

async function loghub(methods: Method[]): Promise<void> {
	if (!existsSync(ROOT)) return console.log(`Loghub SKIPPED: ${ROOT} not found`);
	const templates = SYSTEMS.flatMap((s) => [
		...new Set(readStructured(path.join(ROOT, s, `${s}_2k.log_structured.csv`)).truth)
	]);
	const queries = QUERIES.map((q) => ({
		query: q.query,
		relevant: new Set(templates.flatMap((d, i) => (q.relevant.test(d) ? [i] : [])))
	}));
	console.log(`\nLoghub: ${templates.length} templates, ${QUERIES.length} queries`);
	console.log('method                      purity(mean of 9)  recall@10    MRR');
	const per = new Map<string, Per>();
	for (const [name, make] of methods) {
		let p = 0;
		for (const s of SYSTEMS) {
			const { text, label } = sampleLines(s);
			p += await purity(make, text, label);
		}
		const r = await retrieval(await make(templates), queries, templates.length);
		per.set(name, r.per);
		console.log(
			`${name.padEnd(28)}${n3(p / SYSTEMS.length).padStart(17)}${n3(r.recall)}${n3(r.mrr)}`
		);
	}
	losses(
		queries.map((q) => q.query),
		per
	);
}

async function trainTicket(methods: Method[]): Promise<void> {
	if (!existsSync(TRAINTICKET)) return console.log(`TrainTicket SKIPPED: ${TRAINTICKET} not found`);
	const lines = readTrainTicketLines();
	const sample = distinctPerStatement(lines, 5);
	const corpus = mineTemplates(lines);
	const queries = labelledQueries(corpus, true);
	const statements = new Set(lines.map((l) => l.statement)).size;
	console.log(
		`\nNezha TrainTicket: ${lines.length} lines, ${statements} log statements, ${sample.length} lines for purity, ${corpus.docs.length} mined templates, ${queries.length} queries`
	);
	console.log('method                      purity(stmt) purity(service) recall@10    MRR');
	const per = new Map<string, Per>();
	for (const [name, make] of methods) {
		const r = await evalTrainTicket(make, sample, corpus, queries);
		per.set(name, r.per);
		console.log(
			`${name.padEnd(28)}${n3(r.purityStatement).padStart(12)}${n3(r.purityService).padStart(16)}${n3(r.recall)}${n3(r.mrr)}`
		);
	}
	losses(
		queries.map((q) => q.query),
		per
	);
	// The product's log index embeds up to 8 sample lines per template too: does that help?
	const vectors = methods.find(([name]) => name.startsWith('MiniLM'));
	if (vectors) {
		const added = corpus.samples.reduce((n, s) => n + s.length, 0);
		const r = await retrieval(
			await withSamples(vectors[1], corpus)(corpus.docs),
			queries,
			corpus.docs.length
		);
		console.log(
			`${vectors[0]} over templates + ${added} sample lines (the product's index): recall@10 ${n3(r.recall)} MRR ${n3(r.mrr)}`
		);
	}
}

export default async function semantic(): Promise<void> {
	const minilm = await loadTransformersEmbedder({
		model: MINILM_MODEL,
		dtype: 'q8',
		device: 'cpu',
		localModelPath: `${MODELS}/`,
		allowRemote: false,
		// The product's setting; MINILM_MAX_TOKENS=256 measures the model's own (sensitivity).
		maxTokens: Number(process.env.MINILM_MAX_TOKENS ?? MINILM_MAX_TOKENS)
	});
	const methods: Method[] = [
		['MiniLM q8', vectorRanker(minilm)],
		['lexical-hash-v1', vectorRanker(new LexicalEmbedder())],
		['BM25', bm25Ranker],
		['hybrid (BM25+MiniLM, RRF)', hybridRanker(minilm)]
	];
	// SEMANTIC_ONLY=loghub|trainticket runs one part (a word on the command line would also pick
	// the eval file of that name).
	const only = process.env.SEMANTIC_ONLY;
	if (!only || only === 'loghub') await loghub(methods);
	if (!only || only === 'trainticket') await trainTicket(methods);
}
