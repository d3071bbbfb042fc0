/**
 * The root-cause datasets as bundle folders, converted on demand into .cache/rca-eval/ (gitignored)
 * from ../shared/datasets. A stamp file holds the converter version: bump CONVERTER_VERSION when a
 * converter changes and the folders are rebuilt.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeBundle, type EvalCase } from './bundle-writer';
import { dowhyCases, dowhySimulatedCases } from './dowhy';
import { nezhaCases } from './nezha';
import { sockShopCases } from './sock-shop';

const CONVERTER_VERSION = '4';
export const SHARED = new URL('../../../../shared/datasets/', import.meta.url).pathname;
export const CACHE = new URL('../../../.cache/rca-eval/', import.meta.url).pathname;

export const DATASETS: Record<string, () => Iterable<EvalCase>> = {
	'nezha-online-boutique': () =>
		nezhaCases({
			name: 'online-boutique',
			dir: `${SHARED}rca-nezha-online-boutique/`,
			frontService: 'frontend'
		}),
	'nezha-trainticket': () =>
		nezhaCases({
			name: 'trainticket',
			dir: `${SHARED}rca-nezha-trainticket/`,
			frontService: 'ts-ui-dashboard'
		}),
	'sock-shop-rcd': () => sockShopCases(`${SHARED}rca-sock-shop-rcd/`),
	'dowhy-microservice': () => dowhyCases(`${SHARED}rca-dowhy-microservice/`),
	'dowhy-simulated': () => dowhySimulatedCases()
};

/** Converts one dataset unless its folder is current; returns the folder, or undefined when the source is missing. */
export function ensureDataset(name: string): string | undefined {
	const dir = `${CACHE}${name}/`;
	const stamp = `${dir}.converted`;
	if (existsSync(stamp) && readFileSync(stamp, 'utf8') === CONVERTER_VERSION) return dir;
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	let n = 0;
	for (const c of DATASETS[name]()) {
		writeBundle(`${dir}${c.id}`, c);
		n++;
	}
	if (n === 0) return undefined;
	writeFileSync(stamp, CONVERTER_VERSION);
	return dir;
}
