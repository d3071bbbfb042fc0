/**
 * The DoWhy microservice-latency case study as bundles. The notebook's 10,000 normal requests were
 * not obtainable, so normal requests are simulated from the generating process the notebook states
 * (seeded); the incident is the notebook's real anomalous request (one row), or, for the simulated
 * set, requests drawn with the stated fault (+2 s in the Caching Service). One request per second.
 */
import { existsSync, readFileSync } from 'node:fs';
import { normal, seededRng, type Rng } from '../../../workers/causal/rng';
import { parseTable } from '../../../workers/causal/table';
import type { EvalCase } from './bundle-writer';

export const NODES = [
	'Product DB',
	'Customer DB',
	'Order DB',
	'Shipping Cost Service',
	'Caching Service',
	'Product Service',
	'Auth Service',
	'Order Service',
	'API',
	'www',
	'Website'
];

/** The notebook's causal graph is callee latency → caller latency; the call graph is its reverse. */
const CAUSAL = [
	['www', 'Website'],
	['Auth Service', 'www'],
	['API', 'www'],
	['Customer DB', 'Auth Service'],
	['Customer DB', 'API'],
	['Product Service', 'API'],
	['Auth Service', 'API'],
	['Order Service', 'API'],
	['Shipping Cost Service', 'Product Service'],
	['Caching Service', 'Product Service'],
	['Product DB', 'Caching Service'],
	['Customer DB', 'Product Service'],
	['Order DB', 'Order Service']
];

const halfnorm = (rng: Rng, loc: number, scale: number) => loc + Math.abs(normal(rng)) * scale;
const truncexpon = (rng: Rng, b: number, scale: number) =>
	-Math.log(1 - rng() * (1 - Math.exp(-b))) * scale;

/** One request from the stated generating process; `cacheFault` adds 2 s to the caching service. */
export function request(rng: Rng, cacheFault: boolean): number[] {
	const productDb = truncexpon(rng, 10, 0.2),
		customerDb = truncexpon(rng, 6, 0.2),
		orderDb = truncexpon(rng, 5, 0.2);
	const shipping = halfnorm(rng, 0.1, 0.2);
	const caching = (rng() < 0.5 ? productDb : 0) + halfnorm(rng, 0.1, 0.1) + (cacheFault ? 2 : 0);
	const product = Math.max(shipping, caching, customerDb) + halfnorm(rng, 0.1, 0.2);
	const auth = customerDb + halfnorm(rng, 0.1, 0.2);
	const order = orderDb + halfnorm(rng, 0.5, 0.2);
	const api = product + customerDb + auth + order + halfnorm(rng, 0.5, 0.2);
	const www = api + auth + truncexpon(rng, 2, 0.2);
	const website = www + truncexpon(rng, 3, 0.2);
	return [
		productDb,
		customerDb,
		orderDb,
		shipping,
		caching,
		product,
		auth,
		order,
		api,
		www,
		website
	];
}

const T0 = Date.UTC(2024, 0, 1);
const slug = (s: string) => s.toLowerCase().replace(/\s+/g, '-');

function toCase(id: string, normalRows: number[][], incident: number[][], title: string): EvalCase {
	const rows = [...normalRows, ...incident];
	const t = rows.map((_, i) => T0 + i * 1000);
	const onset = t[normalRows.length];
	return {
		id,
		title,
		services: NODES.map(slug),
		timeRange: { start: t[0], end: t[t.length - 1] },
		baseline: { start: t[0], end: t[normalRows.length - 1] },
		onset,
		series: NODES.map((n, j) => ({
			service: slug(n),
			metric: 'latency_s',
			t,
			v: rows.map((r) => r[j])
		})),
		topology: CAUSAL.map(([callee, caller]) => ({ from: slug(caller), to: slug(callee) })),
		truth: {
			service: 'caching-service',
			fault: 'latency_shift',
			t: onset,
			description: "Caching Service mean latency raised by 2 s (the notebook's stated fault)"
		}
	};
}

/** The notebook's anomalous request against 10,000 simulated normal requests. */
export function* dowhyCases(dir: string): Generator<EvalCase> {
	const file = `${dir}rca_microservice_architecture_anomaly.csv`;
	if (!existsSync(file)) return;
	const anomaly = parseTable(readFileSync(file, 'utf8'));
	const rng = seededRng(2024);
	const normalRows = Array.from({ length: 10_000 }, () => request(rng, false));
	const row = NODES.map((n) => anomaly.columns[anomaly.names.indexOf(n)][0]);
	yield toCase(
		'dowhy-notebook-request',
		normalRows,
		[row],
		"DoWhy microservice: the notebook's anomalous request"
	);
}

/** 20 simulated incidents of 10 requests each (seeded), each against 2,000 normal requests. */
export function* dowhySimulatedCases(): Generator<EvalCase> {
	const rng = seededRng(7);
	for (let k = 0; k < 20; k++) {
		const normalRows = Array.from({ length: 2000 }, () => request(rng, false));
		const incident = Array.from({ length: 10 }, () => request(rng, true));
		yield toCase(
			`dowhy-sim-${k}`,
			normalRows,
			incident,
			`DoWhy microservice, simulated fault ${k}`
		);
	}
}
