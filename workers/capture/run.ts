/**
 * One whole capture as the browser worker runs it: collect every query, then assemble and check
 * the bundle. A cancel returns `cancelled` and nothing else, so the page stores nothing.
 */
import { isCancelled, type CancelSignal } from '../shared/cancel';
import type { CaptureProgress, CaptureRequest, CaptureResult, QueryOutcome } from './api';
import { assembleCapture } from './bundle';
import { collect } from './collect';

export async function runCapture(
	req: CaptureRequest,
	signal: CancelSignal,
	onProgress: (p: CaptureProgress) => void = () => {}
): Promise<CaptureResult> {
	let outcomes: QueryOutcome[] = [];
	try {
		let last: CaptureProgress['queries'] = [];
		outcomes = await collect(req.plans, req.limits, {
			signal,
			onProgress: (queries) => {
				last = queries;
				onProgress({ phase: 'collecting', queries });
			}
		});
		onProgress({ phase: 'bundling', queries: last });
		signal.throwIfCancelled();
		const servers = Object.fromEntries(req.plans.map((p) => [p.source, p.base]));
		const built = await assembleCapture(outcomes, req.limits, {
			id: req.id,
			title: req.title,
			servers,
			by: 'browser'
		});
		signal.throwIfCancelled();
		if (!built.ok) {
			const issues = built.issues.map((i) => `${i.file}: ${i.message}`);
			return {
				ok: false,
				cancelled: false,
				outcomes: strip(outcomes),
				errors: [...built.errors, ...issues]
			};
		}
		return {
			ok: true,
			zip: built.zip,
			manifest: built.bundle.manifest,
			outcomes: strip(outcomes),
			description: built.description
		};
	} catch (err) {
		if (isCancelled(err)) return { ok: false, cancelled: true, outcomes: [], errors: [] };
		throw err;
	}
}

/** The responses are in the zip already: do not clone them back to the page a second time. */
const strip = (outcomes: QueryOutcome[]) => outcomes.map((o) => ({ ...o, response: undefined }));
