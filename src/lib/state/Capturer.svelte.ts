/**
 * The "Capture from Prometheus/Loki" panel's state: the form, the capture running in the capture
 * worker (progress per query, cancel), and its outcome. A finished capture is a bundle zip held
 * for review: the analyst checks or edits its proposed manifest (title, services, baseline,
 * onset), then it goes through the library's ordinary import, so it is validated and stored like
 * a dropped file. The zip stays here until an import succeeds or the analyst discards it, so a
 * typo in the review never costs the capture. A cancelled or failed capture stores nothing.
 * Credentials stay in this object's memory only.
 */
import { proxy } from 'comlink';
import type { CaptureProgress, QueryOutcome } from '$workers/capture/api';
import { captureWorker } from '$lib/compute/capture';
import { buildRequest, defaultForm, type CaptureForm } from '$lib/capture/request';
import { draftOf, manifestFields, type ManifestDraft } from '$lib/import/files';
import type { Library } from './Library.svelte';

/** The capture in flight. */
export interface CaptureRun {
	jobId: string;
	progress: CaptureProgress;
	cancelling: boolean;
}

/** How the last capture ended (before its import, which the library reports). */
export interface CaptureReport {
	ok: boolean;
	cancelled: boolean;
	/** Form problems, or why no bundle came out. */
	errors: string[];
	/** Per query: what came back, what was cut, what failed. */
	outcomes: QueryOutcome[];
}

/** A captured bundle waiting for the analyst's review of its manifest. */
export interface CaptureReview {
	zip: Uint8Array;
	/** The proposed manifest's fields, as the form shows them. */
	draft: ManifestDraft;
	/** The import's source name. */
	source: string;
	/** Set while the reviewed bundle is being written and imported. */
	importing: boolean;
}

export class Capturer {
	form = $state<CaptureForm>(defaultForm());
	running = $state<CaptureRun | null>(null);
	last = $state<CaptureReport | null>(null);
	review = $state.raw<CaptureReview | null>(null);

	constructor(private readonly library: Library) {}

	/** Back to the last hour (the default window), keeping servers and queries. */
	resetWindow(): void {
		const d = defaultForm();
		this.form.from = d.from;
		this.form.to = d.to;
	}

	async run(): Promise<void> {
		if (this.running || this.library.importing || this.review) return;
		const built = buildRequest($state.snapshot(this.form));
		if (!built.ok) {
			this.last = { ok: false, cancelled: false, errors: built.errors, outcomes: [] };
			return;
		}
		const jobId = `capture-${Date.now().toString(36)}`;
		const queries = built.req.plans.flatMap((p) =>
			p.queries.map((query) => ({
				source: p.source,
				query,
				state: 'waiting' as const,
				series: 0,
				points: 0,
				pages: 0,
				cuts: []
			}))
		);
		this.running = { jobId, cancelling: false, progress: { phase: 'collecting', queries } };
		this.last = null;
		try {
			const res = await captureWorker.api.capture(
				built.req,
				jobId,
				proxy((p: CaptureProgress) => {
					if (this.running?.jobId === jobId) this.running.progress = p;
				})
			);
			this.last = res.ok
				? { ok: true, cancelled: false, errors: [], outcomes: res.outcomes }
				: { ok: false, cancelled: res.cancelled, errors: res.errors, outcomes: res.outcomes };
			this.running = null;
			if (res.ok) {
				this.review = {
					zip: res.zip,
					draft: draftOf(res.manifest),
					source: captureName(built.req),
					importing: false
				};
			}
		} catch (e) {
			this.last = {
				ok: false,
				cancelled: false,
				errors: [`Capture failed: ${(e as Error).message}`],
				outcomes: []
			};
		} finally {
			this.running = null;
		}
	}

	/**
	 * Stores the reviewed capture: the edited fields replace the proposed manifest's (the capture's
	 * description is kept), then the library imports it. On failure the review stays open with the
	 * library's errors shown, so the analyst can correct the field and try again.
	 */
	async importReviewed(draft: ManifestDraft): Promise<boolean> {
		const r = this.review;
		if (!r || r.importing || this.library.importing) return false;
		this.review = { ...r, importing: true };
		try {
			const zip = await captureWorker.api.reviseManifest(r.zip, manifestFields(draft));
			const blob = new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
			const report = await this.library.importFiles([{ path: 'capture.zip', blob }], r.source);
			this.review = report.ok ? null : { ...r, draft, importing: false };
			return report.ok;
		} catch (e) {
			this.review = { ...r, draft, importing: false };
			this.last = {
				ok: false,
				cancelled: false,
				errors: [`Could not store the capture: ${(e as Error).message}`],
				outcomes: this.last?.outcomes ?? []
			};
			return false;
		}
	}

	/** The library stored an import from `source`: a review of that capture is finished. */
	imported(source: string): void {
		if (this.review?.source === source && !this.review.importing) this.review = null;
	}

	/** Drops the captured bundle without storing it. */
	discard(): void {
		if (this.review?.importing) return;
		this.review = null;
	}

	/** The captured bundle as it came from the servers (before the review's edits). */
	zipBlob(): Blob | null {
		const r = this.review;
		return r ? new Blob([r.zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }) : null;
	}

	async cancel(): Promise<void> {
		if (!this.running) return;
		this.running.cancelling = true;
		await captureWorker.api.cancel(this.running.jobId);
	}
}

/** The import's source name: the servers and the window. */
function captureName(req: { plans: { base: string }[]; limits: { from: number } }): string {
	const hosts = req.plans.map((p) => new URL(p.base).host).join(' + ');
	return `capture from ${hosts} at ${new Date(req.limits.from).toISOString().slice(0, 16)}Z`;
}
