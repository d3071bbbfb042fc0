/**
 * Root-cause evaluation: AC@1 / AC@3 at metric and service level.
 * - Sock Shop (RCD, 10 cases): normal.csv = baseline, anomalous.csv = incident; no topology.
 * - DoWhy microservice case: the anomalous request (1 row) is ranked against normal data simulated
 *   from the generating process stated in the notebook (the original 10,000 normal rows were not
 *   available), with the notebook's causal graph as topology; also 20 seeded simulated anomalies.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rankRootCauses, type RcaSeries } from '../../workers/causal/rca';
import { normal, seededRng, type Rng } from '../../workers/causal/rng';
import { parseTable } from '../../workers/causal/table';

const root = new URL('../../../shared/datasets/', import.meta.url).pathname;

function sockShop(): void {
	const dir = `${root}rca-sock-shop-rcd/`;
	if (!existsSync(dir)) return console.log('sock-shop: SKIPPED');
	let m1 = 0,
		m3 = 0,
		s1 = 0,
		s3 = 0,
		n = 0;
	console.log('Sock Shop (RCD) run 1 of each fault: rank of the true metric / service');
	for (const c of readdirSync(dir)
		.filter((d) => d.includes('-'))
		.sort()) {
		const base = parseTable(readFileSync(`${dir}${c}/1/normal.csv`, 'utf8'));
		const inc = parseTable(readFileSync(`${dir}${c}/1/anomalous.csv`, 'utf8'));
		const series: RcaSeries[] = base.names.slice(1).map((name, j) => {
			const cut = name.indexOf('_');
			return {
				key: name,
				service: name.slice(0, cut),
				metric: name.slice(cut + 1),
				baseline: base.columns[j + 1],
				incident: inc.columns[inc.names.indexOf(name)]
			};
		});
		const ranked = rankRootCauses({ series });
		const [svc, metric] = c.split('-');
		const mRank = ranked.findIndex((r) => r.key === `${svc}_${metric}`) + 1;
		const services = [...new Set(ranked.map((r) => r.service))];
		const sRank = services.indexOf(svc) + 1;
		n++;
		m1 += +(mRank === 1);
		m3 += +(mRank <= 3);
		s1 += +(sRank === 1);
		s3 += +(sRank <= 3);
		console.log(
			`  ${c.padEnd(14)} metric rank ${mRank}  service rank ${sRank}  top: ${ranked[0].key}`
		);
	}
	console.log(`  metric  AC@1 ${(m1 / n).toFixed(2)}  AC@3 ${(m3 / n).toFixed(2)}`);
	console.log(`  service AC@1 ${(s1 / n).toFixed(2)}  AC@3 ${(s3 / n).toFixed(2)}`);
}

const NODES = [
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
/** Causal graph of the notebook, cause -> effect (callee latency -> caller latency). */
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
].map(([from, to]) => ({ from, to }));

const halfnorm = (rng: Rng, loc: number, scale: number) => loc + Math.abs(normal(rng)) * scale;
const truncexpon = (rng: Rng, b: number, scale: number) =>
	-Math.log(1 - rng() * (1 - Math.exp(-b))) * scale;

/** One request from the stated generating process; `cacheFault` adds 2 s to the caching service. */
function request(rng: Rng, cacheFault: boolean): number[] {
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

function dowhy(): void {
	const file = `${root}rca-dowhy-microservice/rca_microservice_architecture_anomaly.csv`;
	if (!existsSync(file)) return console.log('dowhy: SKIPPED');
	const anomaly = parseTable(readFileSync(file, 'utf8'));
	const rng = seededRng(2024);
	const normalRows = Array.from({ length: 10_000 }, () => request(rng, false));
	const rankFor = (row: number[]) => {
		const series = NODES.map((name, j) => ({
			key: name,
			service: name,
			metric: 'latency',
			baseline: Float64Array.from(normalRows, (r) => r[j]),
			incident: Float64Array.of(row[j])
		}));
		return rankRootCauses({ series, causal: CAUSAL, symptom: 'Website' }).map((r) => r.service);
	};
	const real = rankFor(NODES.map((n) => anomaly.columns[anomaly.names.indexOf(n)][0]));
	console.log(
		`\nDoWhy microservice, the notebook's anomalous request: ranked ${real.slice(0, 3).join(' > ')}; Caching Service at ${real.indexOf('Caching Service') + 1}`
	);
	let a1 = 0,
		a3 = 0;
	const trials = 20;
	for (let k = 0; k < trials; k++) {
		const ranked = rankFor(request(rng, true));
		const at = ranked.indexOf('Caching Service') + 1;
		a1 += +(at === 1);
		a3 += +(at <= 3);
	}
	const r1 = real[0] === 'Caching Service' ? 1 : 0;
	console.log(
		`  real row AC@1 ${r1}  AC@3 ${real.indexOf('Caching Service') < 3 ? 1 : 0}; ${trials} simulated anomalous requests AC@1 ${(a1 / trials).toFixed(2)} AC@3 ${(a3 / trials).toFixed(2)}`
	);
}

export default async function (): Promise<void> {
	sockShop();
	dowhy();
}
