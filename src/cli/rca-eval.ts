/**
 * Batch root-cause evaluation over a folder of labelled bundles (one process for all cases):
 * every folder holding a manifest.json, and every .zip, below the given folder is one incident;
 * its dataset is the folder it sits in. Used by `aitia rca-eval` and `npm run eval -- rca`.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { rankRequestFromBundle, type BundleRankOptions } from '$workers/rca/from-bundle';
import { rankServices } from '$workers/rca/rank';
import type { CaseOutcome } from '$workers/shared/scorecard';
import { loadBundle } from './bundle-input';

/** Bundle paths below `root`, sorted. */
export async function findBundles(root: string): Promise<string[]> {
	const out: string[] = [];
	const walk = async (dir: string): Promise<void> => {
		const entries = await readdir(dir, { withFileTypes: true });
		if (entries.some((e) => e.isFile() && e.name.toLowerCase() === 'manifest.json')) {
			out.push(dir);
			return;
		}
		for (const e of entries) {
			const full = join(dir, e.name);
			// Symbolic links are followed (a folder of datasets is often a folder of links).
			const kind = e.isSymbolicLink() ? await stat(full) : e;
			if (kind.isDirectory()) await walk(full);
			else if (kind.isFile() && e.name.toLowerCase().endsWith('.zip')) out.push(full);
		}
	};
	await walk(root);
	return out.sort();
}

/** Dataset of a bundle: the folder it sits in, relative to the root (the root's own name at top). */
function datasetOf(root: string, bundle: string): string {
	const rel = relative(root, dirname(bundle));
	return rel === '' ? basename(root) : rel;
}

export async function evaluateBundle(
	root: string,
	path: string,
	o: BundleRankOptions
): Promise<CaseOutcome> {
	const t0 = performance.now();
	const base = { dataset: datasetOf(root, path), id: basename(path).replace(/\.zip$/i, '') };
	const parsed = await loadBundle(path);
	if (!parsed.ok) {
		const error = parsed.errors[0]?.message ?? 'invalid bundle';
		return { ...base, truth: '', ranked: [], ms: performance.now() - t0, error };
	}
	const gt = parsed.bundle.groundTruth;
	if (!gt?.service)
		return {
			...base,
			truth: '',
			ranked: [],
			ms: performance.now() - t0,
			error: 'no ground_truth.json service'
		};
	try {
		const { request } = rankRequestFromBundle(parsed.bundle, o);
		const result = await rankServices(request);
		return {
			...base,
			fault: gt.fault,
			truth: gt.service,
			ranked: result.candidates.map((c) => c.service),
			ms: performance.now() - t0
		};
	} catch (err) {
		return {
			...base,
			fault: gt.fault,
			truth: gt.service,
			ranked: [],
			ms: performance.now() - t0,
			error: (err as Error).message
		};
	}
}
