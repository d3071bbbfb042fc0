/**
 * Grouping accuracy of the template miner on Loghub's 2k samples (../shared/datasets/loghub, with
 * the 2023 corrected templates), one default setting for all nine systems, next to the Drain
 * figures published by Zhu et al. (ICSE-SEIP 2019) on the earlier labels.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CsvReader } from '../../workers/bundle/csv';
import { groupingAccuracy } from '../../workers/logs/accuracy';
import { DEFAULT_DRAIN, DrainMiner } from '../../workers/logs/drain';

const ROOT = path.resolve(import.meta.dirname, '../../../shared/datasets/loghub');

/** Published Drain GA (Zhu et al. 2019, Table 3). */
const PUBLISHED: Record<string, number> = {
	HDFS: 0.998,
	Hadoop: 0.948,
	Spark: 0.92,
	Zookeeper: 0.967,
	BGL: 0.963,
	Linux: 0.69,
	Apache: 1.0,
	OpenSSH: 0.788,
	OpenStack: 0.733
};

/** The Content and EventTemplate columns of a structured 2k file. */
export function readStructured(file: string): { content: string[]; truth: string[] } {
	const csv = new CsvReader(readFileSync(file, 'utf8'));
	const header = csv.next()?.fields ?? [];
	const ci = header.indexOf('Content');
	const ti = header.indexOf('EventTemplate');
	if (ci < 0 || ti < 0) throw new Error(`${file}: no Content/EventTemplate columns`);
	const content: string[] = [];
	const truth: string[] = [];
	for (let r = csv.next(); r; r = csv.next()) {
		content.push(r.fields[ci]);
		truth.push(r.fields[ti]);
	}
	return { content, truth };
}

export default async function loghub(): Promise<void> {
	if (!existsSync(ROOT)) {
		console.log(`SKIPPED: ${ROOT} not found`);
		return;
	}
	console.log(`settings: ${JSON.stringify(DEFAULT_DRAIN)} (same for every system)`);
	console.log('system     lines  true  mined     GA  published  delta  lines/s');
	let sum = 0;
	let beaten = 0;
	for (const [system, published] of Object.entries(PUBLISHED)) {
		const { content, truth } = readStructured(
			path.join(ROOT, system, `${system}_2k.log_structured.csv`)
		);
		const t0 = performance.now();
		const miner = new DrainMiner();
		const raw = content.map((c) => miner.add(c));
		const predicted = raw.map((i) => miner.resolve(i));
		const seconds = (performance.now() - t0) / 1000;
		const ga = groupingAccuracy(predicted, truth);
		sum += ga;
		if (ga >= published) beaten++;
		console.log(
			[
				system.padEnd(9),
				String(content.length).padStart(6),
				String(new Set(truth).size).padStart(5),
				String(new Set(predicted).size).padStart(6),
				ga.toFixed(3).padStart(6),
				published.toFixed(3).padStart(10),
				(ga - published >= 0 ? '+' : '') + (ga - published).toFixed(3).padStart(5),
				Math.round(content.length / seconds)
					.toLocaleString('en-US')
					.padStart(8)
			].join('  ')
		);
	}
	const n = Object.keys(PUBLISHED).length;
	const mean = sum / n;
	console.log(
		`mean GA ${mean.toFixed(3)} (target >= 0.900); reached or beat published Drain on ${beaten}/${n}`
	);
	if (mean < 0.9) throw new Error(`mean GA ${mean.toFixed(3)} below 0.900`);
}
