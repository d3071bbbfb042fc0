/**
 * `npm run eval -- semantic`: does MiniLM search logs better than the honest baselines?
 * (a) Nearest-neighbour purity: up to 5 distinct lines per ground-truth template of each Loghub
 *     system; share of lines whose nearest other line has the same template.
 * (b) Retrieval over the distinct ground-truth templates in the nine 2k samples, pooled (528): queries of
 *     tests/eval/semantic/queries.ts, recall@10 (relevant in top 10 / min(relevant, 10)) and MRR.
 * MiniLM q8 (shipped, onnxruntime-node) vs lexical-hash-v1 vs BM25 vs hybrid (RRF of BM25 and MiniLM).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Embedder } from '../../workers/embed/api';
import { LexicalEmbedder } from '../../workers/embed/lexical';
import { loadTransformersEmbedder, MINILM_MODEL } from '../../workers/embed/transformers';
import { Bm25Index } from '../../workers/search/bm25';
import { reciprocalRankFusion } from '../../workers/search/hybrid';
import { readStructured } from './loghub.eval';
import { QUERIES } from './semantic/queries';

const ROOT = path.resolve(import.meta.dirname, '../../../shared/datasets/loghub');
const MODELS = path.resolve(import.meta.dirname, '../../static/models');
const SYSTEMS = 'HDFS BGL OpenStack Apache Linux OpenSSH Zookeeper Hadoop Spark'.split(' ');
type Ranker = (query: string, k: number) => Promise<number[]>;

const dot = (v: Float32Array, dim: number, i: number, j: number) => {
	let s = 0;
	for (let d = 0; d < dim; d++) s += v[i * dim + d] * v[j * dim + d];
	return s;
};

async function vectorRanker(e: Embedder, docs: string[]): Promise<Ranker> {
	const v = await e.embed(docs);
	return async (query, k) => {
		const q = await e.embed([query]);
		const all = new Float32Array(v.length + e.dim);
		all.set(v);
		all.set(q, v.length);
		const n = docs.length;
		const scored = docs.map((_, i) => ({ i, s: dot(all, e.dim, i, n) }));
		return scored
			.sort((a, b) => b.s - a.s)
			.slice(0, k)
			.map((x) => x.i);
	};
}

function bm25Ranker(docs: string[]): Ranker {
	const idx = new Bm25Index(docs);
	return async (query, k) => idx.search(query, k).map((h) => h.row);
}

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

async function purity(rank: (docs: string[]) => Promise<Ranker>, system: string) {
	const { text, label } = sampleLines(system);
	const r = await rank(text);
	let same = 0;
	for (let i = 0; i < text.length; i++) {
		const nn = (await r(text[i], 2)).find((j) => j !== i);
		if (nn !== undefined && label[nn] === label[i]) same++;
	}
	return same / text.length;
}

async function retrieval(r: Ranker, docs: string[]) {
	let recall = 0;
	let mrr = 0;
	for (const q of QUERIES) {
		const rel = new Set(docs.flatMap((d, i) => (q.relevant.test(d) ? [i] : [])));
		const top = await r(q.query, 10);
		recall += top.filter((i) => rel.has(i)).length / Math.max(1, Math.min(rel.size, 10));
		const first = (await r(q.query, docs.length)).findIndex((i) => rel.has(i));
		mrr += first < 0 ? 0 : 1 / (first + 1);
	}
	return { recall: recall / QUERIES.length, mrr: mrr / QUERIES.length };
}

export default async function semantic(): Promise<void> {
	if (!existsSync(ROOT)) return console.log(`SKIPPED: ${ROOT} not found`);
	const minilm = await loadTransformersEmbedder({
		model: MINILM_MODEL,
		dtype: 'q8',
		device: 'cpu',
		localModelPath: `${MODELS}/`,
		allowRemote: false
	});
	const lexical = new LexicalEmbedder();
	const hybrid = async (docs: string[]): Promise<Ranker> => {
		const a = bm25Ranker(docs);
		const b = await vectorRanker(minilm, docs);
		return async (q, k) => {
			const fused = reciprocalRankFusion([await a(q, 100), await b(q, 100)]);
			return fused.slice(0, k).map((f) => f.key);
		};
	};
	const methods: [string, (docs: string[]) => Promise<Ranker>][] = [
		['MiniLM q8', (d) => vectorRanker(minilm, d)],
		['lexical-hash-v1', (d) => vectorRanker(lexical, d)],
		['BM25', async (d) => bm25Ranker(d)],
		['hybrid (BM25+MiniLM, RRF)', hybrid]
	];
	const templates = SYSTEMS.flatMap((s) => [
		...new Set(readStructured(path.join(ROOT, s, `${s}_2k.log_structured.csv`)).truth)
	]);
	console.log(`${templates.length} templates, ${QUERIES.length} queries`);
	console.log('method                      purity(mean of 9)  recall@10    MRR');
	for (const [name, make] of methods) {
		let p = 0;
		for (const s of SYSTEMS) p += await purity(make, s);
		const r = await retrieval(await make(templates), templates);
		console.log(
			`${name.padEnd(28)}${(p / SYSTEMS.length).toFixed(3).padStart(17)}${r.recall.toFixed(3).padStart(11)}${r.mrr.toFixed(3).padStart(7)}`
		);
	}
}
