/**
 * Root-cause evaluation (`npm run eval -- rca`): converts the labelled datasets in
 * ../shared/datasets into bundle folders (tests/eval/rca/datasets.ts), scores every method with the
 * same code as `aitia rca-eval` (each bundle read once, ranked many times), then reports the
 * default method's sensitivity to each setting (halved and doubled, one at a time).
 * RCA_VERBOSE=1 prints every case; RCA_METHODS=baro,ensemble limits the methods;
 * RCA_SENSITIVITY=0 skips the sensitivity table.
 */
import { basename } from 'node:path';
import { loadBundle } from '../../src/cli/bundle-input';
import { findBundles } from '../../src/cli/rca-eval';
import { rankRequestFromBundle, type BundleRankOptions } from '../../workers/rca/from-bundle';
import { rankServices } from '../../workers/rca/rank';
import {
	scorecard,
	scorecardTable,
	truthRank,
	type CaseOutcome
} from '../../workers/shared/scorecard';
import { DEFAULT_SETTINGS } from '../../workers/rca/settings';
import { RCA_METHODS, type RankRequest, type RcaMethod } from '../../workers/rca/types';
import { DATASETS, ensureDataset } from './rca/datasets';
import type { Bundle } from '../../workers/bundle/types';

const verbose = process.env.RCA_VERBOSE === '1';
const only = process.env.RCA_METHODS?.split(',') as RcaMethod[] | undefined;

interface Loaded {
	dataset: string;
	id: string;
	fault?: string;
	truth: string;
	request: RankRequest;
	/**
	 * The same case with its manifest's onset, baseline and incident window removed, ranked on
	 * the windows proposed from the data (rca/windows.ts); undefined when none could be proposed.
	 */
	undeclared?: RankRequest;
	loadMs: number;
}

/** The request of `bundle` as if its manifest declared no time at all. */
function undeclaredRequest(bundle: Bundle): RankRequest | undefined {
	const manifest = { ...bundle.manifest };
	delete manifest.onset;
	delete manifest.baseline;
	delete manifest.incident;
	try {
		return rankRequestFromBundle({ ...bundle, manifest }).request;
	} catch {
		return undefined;
	}
}

async function loadAll(): Promise<Loaded[]> {
	const out: Loaded[] = [];
	for (const name of Object.keys(DATASETS)) {
		const dir = ensureDataset(name);
		if (!dir) {
			console.log(`${name}: SKIPPED (source data missing)`);
			continue;
		}
		for (const path of await findBundles(dir)) {
			const t0 = performance.now();
			const parsed = await loadBundle(path);
			if (!parsed.ok) throw new Error(`${path}: ${parsed.errors[0]?.message}`);
			const { request } = rankRequestFromBundle(parsed.bundle);
			const gt = parsed.bundle.groundTruth!;
			out.push({
				dataset: name,
				id: basename(path),
				fault: gt.fault,
				truth: gt.service!,
				request,
				undeclared: undeclaredRequest(parsed.bundle),
				loadMs: performance.now() - t0
			});
		}
	}
	return out;
}

async function run(
	cases: Loaded[],
	method: RcaMethod,
	settings?: RankRequest['settings']
): Promise<CaseOutcome[]> {
	const out: CaseOutcome[] = [];
	for (const c of cases) {
		const t0 = performance.now();
		const r = await rankServices({ ...c.request, method, settings });
		const ms = c.loadMs + performance.now() - t0;
		const ranked = r.candidates.map((x) => x.service);
		out.push({ dataset: c.dataset, id: c.id, fault: c.fault, truth: c.truth, ranked, ms });
	}
	return out;
}

/** One-at-a-time variations of the numeric settings around the default. */
function variations(): [string, RankRequest['settings']][] {
	const d = DEFAULT_SETTINGS;
	const out: [string, RankRequest['settings']][] = [['default', {}]];
	const scale = (k: number) => [k / 2, k * 2];
	for (const v of scale(d.threshold)) out.push([`threshold ${v}`, { threshold: v }]);
	for (const v of scale(d.score.relativeFloor))
		out.push([`relativeFloor ${v}`, { score: { relativeFloor: v } }]);
	for (const v of scale(d.score.percentFloor))
		out.push([`percentFloor ${v}`, { score: { percentFloor: v } }]);
	for (const v of scale(d.score.peakFraction))
		out.push([`peakFraction ${v}`, { score: { peakFraction: v } }]);
	for (const v of [0.25, 1])
		out.push([`traffic weight ${v}`, { familyWeight: { ...d.familyWeight, traffic: v } }]);
	for (const v of [0.35, 1])
		out.push([`other weight ${v}`, { familyWeight: { ...d.familyWeight, other: v } }]);
	for (const v of scale(d.indirectWeight)) out.push([`indirectWeight ${v}`, { indirectWeight: v }]);
	for (const v of [0.02, 0.5, 1]) out.push([`idleWeight ${v}`, { idleWeight: v }]);
	for (const v of [0, 0.25, 1]) out.push([`corroborationWeight ${v}`, { corroborationWeight: v }]);
	for (const v of [0, 0.1, 0.4]) out.push([`walkBack ${v}`, { walkBack: v }]);
	// Issue 15 item 4: onsets from the shared detector (default) or the ranking's own threshold.
	out.push(['onsets threshold', { onsets: 'threshold' }]);
	for (const v of [1, 2, 8])
		out.push([`flows weight ${v}`, { ensembleWeights: { ...d.ensembleWeights, flows: v } }]);
	return out;
}

/** The default method when no manifest declares its times (onset and baseline proposed). */
async function undeclared(cases: Loaded[]): Promise<void> {
	const outcomes: CaseOutcome[] = [];
	for (const c of cases) {
		const r = c.undeclared && (await rankServices({ ...c.undeclared, method: 'ensemble' }));
		const ranked = r ? r.candidates.map((x) => x.service) : [];
		outcomes.push({ dataset: c.dataset, id: c.id, fault: c.fault, truth: c.truth, ranked, ms: 0 });
	}
	const none = cases.filter((c) => !c.undeclared).length;
	console.log(
		`\n-- ensemble with no declared times (onset and baseline proposed from the data; ${none} cases with no proposal count as misses)`
	);
	console.log(scorecardTable(scorecard(outcomes)));
}

/** What logs and traces add: the default method on TrainTicket with each modality left out. */
async function ablation(): Promise<void> {
	const dir = ensureDataset('nezha-trainticket');
	if (!dir) return;
	console.log(
		'\n-- what logs and traces add (ensemble, nezha-trainticket): AC@1 / AC@3 by fault class'
	);
	const variants: [string, BundleRankOptions][] = [
		['metrics + logs + traces', { useLogs: true, useTraces: true }],
		['metrics + traces', { useLogs: false, useTraces: true }],
		['metrics + logs', { useLogs: true, useTraces: false }],
		['metrics only', { useLogs: false, useTraces: false }],
		// Sensitivity of the broken-flow test (traces/flows.ts, defaults 0.9 and 2).
		['flows: invariantShare 0.8', { flow: { invariantShare: 0.8 } }],
		['flows: invariantShare 0.95', { flow: { invariantShare: 0.95 } }],
		['flows: minContext 5', { flow: { minContext: 5 } }]
	];
	const bundles = [];
	for (const path of await findBundles(dir)) {
		const parsed = await loadBundle(path);
		if (parsed.ok) bundles.push({ path, bundle: parsed.bundle });
	}
	for (const [name, use] of variants) {
		const outcomes: CaseOutcome[] = [];
		for (const { path, bundle } of bundles) {
			const gt = bundle.groundTruth!;
			const r = await rankServices(rankRequestFromBundle(bundle, use).request);
			const cls = gt.fault === 'return' || gt.fault === 'exception' ? 'code' : 'resource';
			const ranked = r.candidates.map((c) => c.service);
			outcomes.push({
				dataset: cls,
				id: basename(path),
				fault: gt.fault,
				truth: gt.service!,
				ranked,
				ms: 0
			});
		}
		const card = scorecard(outcomes);
		const cell = (k: string) =>
			`${card.byDataset[k].ac[1].toFixed(2)} / ${card.byDataset[k].ac[3].toFixed(2)}`;
		console.log(
			`  ${name.padEnd(26)} resource ${cell('resource')}   code ${cell('code')}   all ${card.overall.ac[1].toFixed(2)} / ${card.overall.ac[3].toFixed(2)}`
		);
	}
}

export default async function (): Promise<void> {
	const cases = await loadAll();
	for (const method of only ?? RCA_METHODS) {
		const outcomes = await run(cases, method);
		console.log(`\n-- method ${method}`);
		console.log(scorecardTable(scorecard(outcomes)));
		if (verbose)
			for (const o of outcomes)
				console.log(
					`  ${o.id.padEnd(48)} ${String(o.fault).padEnd(15)} rank ${String(truthRank(o)).padEnd(3)} top: ${o.ranked.slice(0, 3).join(', ')}`
				);
	}
	await undeclared(cases);
	await ablation();
	if (process.env.RCA_SENSITIVITY === '0') return;
	const datasets = [...new Set(cases.map((c) => c.dataset))];
	console.log(
		'\n-- sensitivity of the default method (ensemble): AC@1 per dataset, overall AC@1 / AC@3'
	);
	console.log(
		[
			'setting'.padEnd(26),
			...datasets.map((d) => d.slice(0, 12).padStart(12)),
			'all@1'.padStart(6),
			'all@3'.padStart(6)
		].join(' ')
	);
	for (const [name, settings] of variations()) {
		const card = scorecard(await run(cases, 'ensemble', settings));
		console.log(
			[
				name.padEnd(26),
				...datasets.map((d) => card.byDataset[d].ac[1].toFixed(2).padStart(12)),
				card.overall.ac[1].toFixed(2).padStart(6),
				card.overall.ac[3].toFixed(2).padStart(6)
			].join(' ')
		);
	}
}
