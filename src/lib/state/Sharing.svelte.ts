/**
 * Sharing what was found: incident capsules (`.aitia.zip`: bundle + notebooks + run states),
 * share links (the notebook in the URL fragment), the recorded-outputs mode a capsule opens in,
 * and "Re-run", which recomputes from the bundle and says which outputs differ.
 */
import { proxy } from 'comlink';
import { dataWorker } from '$lib/compute/data';
import { hashValue } from '$lib/notebook/hash';
import { NOTEBOOK_VERSION, type Notebook } from '$lib/notebook/model';
import {
	parseRunState,
	RUNSTATE_VERSION,
	serializeRunState,
	type RunState
} from '$lib/notebook/runstate';
import { parseNotebook, serializeNotebook } from '$lib/notebook/serialize';
import { answerKey, recordedAnswers, withAnswers, type AnswerLookup } from '$lib/llm/answers';
import { DEFAULT_RULES } from '$lib/llm/redact';
import { decodeShare, encodeShare } from '$lib/share/link';
import { APP_VERSION } from '$lib/version';
import { BUNDLE_VERSION, type ImportProgress } from '$workers/bundle/types';
import type { Workbench } from './Workbench.svelte';

const SNAPSHOT = (id: string) => `snapshot:${id}`;

/** A stored model answer by prompt hash (what the diagnosis view saved). */
export const storedAnswer: AnswerLookup = async (hash) =>
	(await dataWorker.api.getMeta(answerKey(hash))) as Awaited<ReturnType<AnswerLookup>>;

/**
 * Fields that describe how a run went rather than what it found (durations, whether an index was
 * reused, how a model was loaded): a re-run compares outputs without them, and numbers to 6
 * significant digits (WASM kernels on several threads may sum in another order). A model's
 * `answer` is attached to a recording, never recomputed by a re-run, so it is left out too.
 */
const RUN_METADATA = new Set(['timings', 'reused', 'searchMs', 'elapsedMs', 'reason', 'answer']);

function comparable(value: unknown): unknown {
	if (typeof value === 'number')
		return Number.isFinite(value) ? Number(value.toPrecision(6)) : value;
	if (ArrayBuffer.isView(value) && !(value instanceof DataView))
		return Array.from(value as Float64Array, (v) => comparable(v));
	if (Array.isArray(value)) return value.map(comparable);
	if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
	return Object.fromEntries(
		Object.entries(value)
			.filter(([k]) => !RUN_METADATA.has(k))
			.map(([k, v]) => [k, comparable(v)])
	);
}

/** A shared notebook whose incident this browser does not have. */
export interface PendingShare {
	notebook: Notebook;
}

export class Sharing {
	/** Set while a capsule is being written or read. */
	busy = $state<string | null>(null);
	/** A share link opened without its incident: shown read-only with what to import. */
	pending = $state.raw<PendingShare | null>(null);
	/** The notebook as a read-only document (postmortem view). */
	postmortem = $state(false);
	/** After "Re-run": which recorded outputs the recomputation changed. */
	diff = $state<{ same: string[]; changed: string[]; missing: string[] } | null>(null);

	constructor(private readonly app: Workbench) {}

	/** The recorded run state a notebook opens with (capsule import), if any. */
	async snapshotOf(notebookId: string): Promise<RunState | undefined> {
		const text = (await dataWorker.api.getMeta(SNAPSHOT(notebookId))) as string | undefined;
		if (!text) return undefined;
		try {
			return parseRunState(text);
		} catch {
			await dataWorker.api.setMeta(SNAPSHOT(notebookId), undefined);
			return undefined;
		}
	}

	/** The open notebook, its incident and its outputs as a capsule file. */
	async exportCapsule(redact: boolean): Promise<{ name: string; bytes: Uint8Array } | null> {
		const session = this.app.session;
		if (!session) return null;
		this.busy = 'Writing the capsule…';
		try {
			await session.flush();
			const doc = session.doc;
			const rs = await withAnswers(await session.recordRunState(), storedAnswer);
			const bytes = await dataWorker.api.exportCapsule({
				incidentId: doc.incidentId,
				notebooks: [{ id: doc.id, text: serializeNotebook(doc) }],
				runStates: [{ id: doc.id, text: serializeRunState(rs) }],
				appVersion: APP_VERSION,
				formats: { bundle: BUNDLE_VERSION, notebook: NOTEBOOK_VERSION, runState: RUNSTATE_VERSION },
				redact: redact ? [...DEFAULT_RULES] : undefined
			});
			return { name: `${doc.incidentId}.aitia.zip`, bytes };
		} finally {
			this.busy = null;
		}
	}

	/** Replacements the default redaction rules would make in the open incident's text. */
	redactionPreview(): Promise<Record<string, number>> {
		const id = this.app.session?.doc.incidentId;
		return id ? dataWorker.api.redactionPreview(id, [...DEFAULT_RULES]) : Promise.resolve({});
	}

	/** Imports a capsule and opens its notebook with the recorded outputs (nothing recomputed). */
	async importCapsule(file: File, onProgress?: (p: ImportProgress) => void): Promise<void> {
		this.busy = `Reading ${file.name}…`;
		try {
			const jobId = `capsule-${Date.now().toString(36)}`;
			const res = await dataWorker.api.importCapsule(
				file,
				{ jobId, source: file.name, replace: true },
				onProgress ? proxy(onProgress) : undefined
			);
			if (!res.ok) {
				const first = res.errors[0];
				this.app.message = {
					kind: 'error',
					text: `${file.name}: ${first ? `${first.file}: ${first.message}` : 'cancelled'}`
				};
				return;
			}
			// The open notebook may be the one arriving: its last save must not land over the import.
			await this.app.closeSession();
			let open: string | undefined;
			for (const text of res.notebooks) {
				const { notebook } = parseNotebook(text);
				await dataWorker.api.putNotebook(notebook);
				open ??= notebook.id;
			}
			for (const text of res.runStates) {
				const rs = parseRunState(text);
				await dataWorker.api.setMeta(SNAPSHOT(rs.notebookId), serializeRunState(rs));
				// Kept by prompt hash too, so the answer stays shown after a re-run recomputes.
				for (const [hash, answer] of recordedAnswers(rs))
					await dataWorker.api.setMeta(answerKey(hash), answer);
			}
			await this.app.library.refresh();
			if (open) await this.app.openNotebook(open);
			const note = res.manifest.redacted ? ' (redacted before sharing)' : '';
			this.app.message = {
				kind: 'ok',
				text: `Imported capsule of "${res.manifest.incident.title}"${note}: recorded outputs shown; Re-run recomputes them.`
			};
		} catch (e) {
			this.app.message = { kind: 'error', text: `${file.name}: ${(e as Error).message}` };
		} finally {
			this.busy = null;
		}
	}

	/** Leaves the recorded outputs: recompute everything from the bundle and compare. */
	async rerun(): Promise<void> {
		const session = this.app.session;
		const recorded = session?.snapshot;
		if (!session || !recorded) return;
		await dataWorker.api.setMeta(SNAPSHOT(session.doc.id), undefined);
		await this.app.openNotebook(session.doc.id);
		const live = this.app.session!;
		await live.runAll();
		const same: string[] = [];
		const changed: string[] = [];
		const missing: string[] = [];
		for (const c of live.doc.cells) {
			const was = recorded.cells[c.id];
			const now = live.outputs[c.id];
			const name = c.name ?? c.id;
			if (!was) continue;
			if (!now) missing.push(name);
			else if ((await hashValue(comparable(now))) === (await hashValue(comparable(was.output))))
				same.push(name);
			else changed.push(name);
		}
		this.diff = { same, changed, missing };
	}

	/** Stores and opens the pending shared notebook once its incident is in the library. */
	async adoptPending(incidentId: string): Promise<boolean> {
		const p = this.pending;
		if (!p || p.notebook.incidentId !== incidentId) return false;
		this.pending = null;
		await this.app.storeAndOpen(p.notebook);
		return true;
	}

	/** A URL that opens the open notebook (no data, no outputs) in another browser. */
	shareLink(): string | null {
		const doc = this.app.session?.doc;
		if (!doc) return null;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a throwaway URL
		const url = new URL(location.href);
		url.search = '';
		url.hash = encodeShare(doc);
		return url.toString();
	}

	/**
	 * Opens a share link from the fragment: its notebook is stored and opened when this browser has
	 * the incident; otherwise it is shown read-only with what to import. Returns true if handled.
	 */
	async openFromFragment(fragment: string): Promise<boolean> {
		if (!fragment.replace(/^#/, '')) return false;
		let notebook: Notebook;
		try {
			notebook = decodeShare(fragment);
		} catch (e) {
			this.app.message = { kind: 'error', text: `Shared link: ${(e as Error).message}.` };
			return true;
		}
		history.replaceState(history.state, '', location.pathname);
		if (!this.app.library.incident(notebook.incidentId)) {
			this.pending = { notebook };
			return true;
		}
		await this.app.storeAndOpen(notebook);
		this.app.message = { kind: 'ok', text: `Opened the shared notebook "${notebook.title}".` };
		return true;
	}
}
