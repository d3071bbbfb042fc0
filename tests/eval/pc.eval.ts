/**
 * PC evaluation: causal-learn's expected Fisher-z matrices (exact agreement) and Sachs 2005
 * (853 observational rows) against the cmu-phil consensus graph: skeleton precision / recall /
 * F1 and the structural Hamming distance to the true DAG (a missing or extra adjacency counts 1;
 * an adjacency with different marks counts 1, so an undirected edge where the truth is directed
 * costs 1).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { runPc } from '../../workers/causal/pc';
import { parseTable } from '../../workers/causal/table';

const root = new URL('../../../shared/datasets/', import.meta.url).pathname;

const readMatrix = (path: string): number[][] =>
	readFileSync(path, 'utf8')
		.trim()
		.split('\n')
		.map((l) => l.trim().split(/\s+/).map(Number));

async function causalLearn(): Promise<void> {
	const dir = `${root}causal-learn-pc/`;
	if (!existsSync(dir)) return console.log('causal-learn-pc: SKIPPED (dataset missing)');
	const table = parseTable(readFileSync(`${dir}data_linear_10.txt`, 'utf8'));
	console.log('expected file                                   differing entries   ms');
	for (const f of readdirSync(`${dir}benchmark_returned_results`).filter((x) =>
		x.startsWith('linear_10_pc_fisherz')
	)) {
		const m = f.match(/stable_(\d)_(-?\d)\.txt$/)!;
		const t0 = performance.now();
		const r = await runPc(table, { ucRule: Number(m[1]) as 0, ucPriority: Number(m[2]) as 2 });
		const exp = readMatrix(`${dir}benchmark_returned_results/${f}`);
		const diff = exp.flat().filter((v, k) => v !== r.matrix.flat()[k]).length;
		console.log(
			`${f.padEnd(48)}${String(diff).padStart(17)}${(performance.now() - t0).toFixed(0).padStart(5)}`
		);
	}
	const sim = parseTable(readFileSync(`${dir}test_pc_simulated_linear_gaussian_data.txt`, 'utf8'));
	const r = await runPc(sim);
	const truth = [
		[0, -1, 0, -1, 0],
		[-1, 0, -1, -1, 0],
		[0, -1, 0, -1, -1],
		[1, 1, 1, 0, -1],
		[0, 0, 1, 1, 0]
	];
	const diff = truth.flat().filter((v, k) => v !== r.matrix.flat()[k]).length;
	console.log(`${'test_pc_simulated (TestPC truth)'.padEnd(48)}${String(diff).padStart(17)}`);
}

function truthEdges(path: string): [string, string][] {
	return readFileSync(path, 'utf8')
		.split('\n')
		.map((l) => l.match(/^\d+\.\s+(\S+)\s+-->\s+(\S+)/))
		.filter((m): m is RegExpMatchArray => !!m)
		.map((m) => [m[1], m[2]]);
}

async function sachs(): Promise<void> {
	const file = `${root}sachs/sachs_observational_cd3cd28_853.tsv`;
	if (!existsSync(file)) return console.log('sachs: SKIPPED (dataset missing)');
	const table = parseTable(readFileSync(file, 'utf8'));
	const truth = truthEdges(`${root}sachs/cmu-phil/sachs.2005.ground.truth.graph.txt`);
	const key = (a: string, b: string) => [a, b].sort().join('|');
	const truthAdj = new Set(truth.map(([a, b]) => key(a, b)));
	const truthDir = new Set(truth.map(([a, b]) => `${a}>${b}`));
	console.log('\nSachs 2005, 853 observational rows, vs cmu-phil consensus (20 edges)');
	console.log('variant                 edges  TP  precision  recall     F1  SHD');
	for (const [label, log] of [
		['raw scale', false],
		['log(x) scale', true]
	] as const) {
		const t = log ? { ...table, columns: table.columns.map((c) => c.map(Math.log)) } : table;
		const r = await runPc(t);
		const n = r.names;
		let tp = 0;
		let shd = 0;
		for (const e of r.edges) {
			const [a, b] = [n[e.from], n[e.to]];
			if (!truthAdj.has(key(a, b))) {
				shd++;
				continue;
			}
			tp++;
			if (!(e.kind === '-->' && truthDir.has(`${a}>${b}`))) shd++;
		}
		shd += truthAdj.size - tp;
		const precision = tp / r.edges.length;
		const recall = tp / truthAdj.size;
		const f1 = (2 * precision * recall) / (precision + recall);
		console.log(
			`${label.padEnd(22)}${String(r.edges.length).padStart(6)}${String(tp).padStart(4)}${precision.toFixed(3).padStart(11)}${recall.toFixed(3).padStart(8)}${f1.toFixed(3).padStart(7)}${String(shd).padStart(5)}`
		);
	}
}

export default async function (): Promise<void> {
	await causalLearn();
	await sachs();
}
