/**
 * Converts the RCD Sock Shop cases (normal.csv + anomalous.csv per fault, 1 s Prometheus samples)
 * into bundles. The two windows are days apart: the bundle keeps their real times, the baseline is
 * the normal window and the onset the first anomalous sample (the fault runs the whole window).
 * The call graph is Sock Shop's documented architecture (front-end → services → their databases;
 * orders → carts, payment, shipping, user; shipping and queue-master ↔ rabbitmq).
 * The data has no licence: it is read from ../shared only, never copied into the repository.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { CaseSeries, EvalCase } from './bundle-writer';
import { readCsv } from './nezha';

export const SOCK_SHOP_TOPOLOGY = [
	['front-end', 'carts'],
	['front-end', 'catalogue'],
	['front-end', 'orders'],
	['front-end', 'user'],
	['orders', 'carts'],
	['orders', 'payment'],
	['orders', 'shipping'],
	['orders', 'user'],
	['carts', 'carts-db'],
	['catalogue', 'catalogue-db'],
	['orders', 'orders-db'],
	['user', 'user-db'],
	['shipping', 'rabbitmq'],
	['queue-master', 'rabbitmq']
].map(([from, to]) => ({ from, to }));

function readWindow(file: string): CaseSeries[] {
	const { header, rows } = readCsv(file);
	const t = rows.map((r) => Number(r[0]) * 1000);
	return header.slice(1).map((name, j) => {
		const cut = name.indexOf('_');
		return {
			service: name.slice(0, cut),
			metric: name.slice(cut + 1),
			t,
			v: rows.map((r) => Number(r[j + 1]))
		};
	});
}

export function* sockShopCases(dir: string): Generator<EvalCase> {
	if (!existsSync(dir)) return;
	for (const fault of readdirSync(dir)
		.filter((d) => d.includes('-'))
		.sort()) {
		const normal = readWindow(`${dir}${fault}/1/normal.csv`);
		const anomalous = readWindow(`${dir}${fault}/1/anomalous.csv`);
		const series = normal.map((s, i) => ({
			...s,
			t: [...s.t, ...anomalous[i].t],
			v: [...s.v, ...anomalous[i].v]
		}));
		const [svc, kind] = fault.split('-');
		const b = normal[0].t;
		const a = anomalous[0].t;
		yield {
			id: `sock-shop-${fault}`,
			title: `Sock Shop ${fault} (RCD run 1)`,
			services: [...new Set(series.map((s) => s.service))].sort(),
			timeRange: { start: b[0], end: a[a.length - 1] },
			baseline: { start: b[0], end: b[b.length - 1] },
			onset: a[0],
			series,
			topology: SOCK_SHOP_TOPOLOGY,
			truth: {
				service: svc,
				metric: `${svc}.${kind}`,
				fault: kind === 'cpu' ? 'cpu_hog' : 'memory_leak',
				t: a[0],
				description: `${kind} fault injected into ${svc}`
			}
		};
	}
}
