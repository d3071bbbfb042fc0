/**
 * The app: the library, the open notebook, first-run seeding of the demo incident, and notebook
 * file import/export. Components call these methods; the workers do the work.
 */
import { parseNotebook, serializeNotebook } from '$lib/notebook/serialize';
import type { Notebook } from '$lib/notebook/model';
import { NOTEBOOK_FORMAT, NOTEBOOK_VERSION } from '$lib/notebook/model';
import { newId } from '$lib/notebook/ids';
import { defaultNotebook } from '$lib/notebook/default-notebook';
import { KINDS } from '$lib/notebook/kinds';
import { dataWorker } from '$lib/compute/data';
import demoNotebookText from '../../../notebooks/demo.nb.json?raw';
import { Library } from './Library.svelte';
import { Capturer } from './Capturer.svelte';
import { NotebookSession } from './NotebookSession.svelte';
import { Sharing } from './Sharing.svelte';

const DEMO_URL = '/demo/coolant-leak.zip';
const DEMO_SEEDED = 'demoSeeded';
const LAST_NOTEBOOK = 'lastNotebook';

export class Workbench {
	readonly library = new Library();
	/** The "Capture from Prometheus/Loki" panel; its captures import through `library`. */
	readonly capturer = new Capturer(this.library);
	readonly sharing: Sharing = new Sharing(this);
	session = $state<NotebookSession | null>(null);
	status = $state<string>('Starting…');
	message = $state<{ kind: 'ok' | 'error'; text: string } | null>(null);
	/** True while the demo is seeded: it brings its own notebook. */
	private seeding = false;

	constructor() {
		this.library.onImported = (id, source) => {
			// A capture stored by "Replace the stored incident" (a retry outside its review) is done too.
			this.capturer.imported(source);
			return this.openImported(id);
		};
	}

	/**
	 * After an import: a new incident gets its default investigation notebook, opened; one that
	 * already has notebooks (a re-import) keeps them and what is open.
	 */
	private async openImported(incidentId: string): Promise<void> {
		// A share link was waiting for exactly this incident: its notebook wins.
		if (await this.sharing.adoptPending(incidentId)) return;
		const info = this.library.incident(incidentId);
		if (this.seeding || !info || this.library.notebooks.some((n) => n.incidentId === incidentId))
			return;
		const doc = defaultNotebook(info, new Date(Date.now()).toISOString(), KINDS); // eslint-disable-line svelte/prefer-svelte-reactivity
		await dataWorker.api.putNotebook(doc);
		await this.library.refresh();
		await this.openNotebook(doc.id);
	}

	async init(requestedNotebook?: string | null): Promise<void> {
		await this.library.refresh();
		if (this.library.loadError) {
			this.status = this.library.loadError;
			return;
		}
		if (!(await dataWorker.api.getMeta(DEMO_SEEDED))) await this.loadDemo();
		const last = (await dataWorker.api.getMeta(LAST_NOTEBOOK)) as string | undefined;
		if (await this.sharing.openFromFragment(location.hash)) {
			this.status = '';
			return;
		}
		if (requestedNotebook && !this.library.notebooks.some((n) => n.id === requestedNotebook))
			this.message = {
				kind: 'error',
				text: `The link asks for notebook "${requestedNotebook}", which is not in this browser. Import its capsule, or ask for a share link.`
			};
		const pick =
			[requestedNotebook, last].find(
				(id) => id && this.library.notebooks.some((n) => n.id === id)
			) ?? this.library.notebooks[0]?.id;
		if (pick) await this.openNotebook(pick);
		this.status = '';
	}

	/** Imports the shipped demo bundle and its notebook (first run, or on request). */
	async loadDemo(): Promise<void> {
		this.status = 'Loading the demo incident…';
		const res = await fetch(DEMO_URL);
		if (!res.ok) {
			this.message = { kind: 'error', text: `Could not load the demo bundle (${res.status}).` };
			return;
		}
		const blob = await res.blob();
		this.seeding = true;
		const report = await this.library
			.importFiles([{ path: 'coolant-leak.zip', blob }], 'coolant-leak.zip (demo)', true)
			.finally(() => (this.seeding = false));
		if (!report.ok) return;
		const { notebook } = parseNotebook(demoNotebookText);
		await dataWorker.api.putNotebook(notebook);
		await dataWorker.api.setMeta(DEMO_SEEDED, true);
		await this.library.refresh();
	}

	/**
	 * Saves and closes the open notebook, waiting for its last save: whatever replaces or deletes
	 * its stored copy next (an import, a delete) must come after that save, not under it.
	 */
	async closeSession(): Promise<void> {
		const s = this.session;
		if (!s) return;
		this.session = null;
		s.dispose();
		await s.flush();
	}

	/**
	 * Stores a notebook that arrived (an import, a share link, a capsule) and opens it. The open
	 * notebook is closed first, so its last save cannot overwrite the arrival when the ids match.
	 */
	async storeAndOpen(notebook: Notebook): Promise<void> {
		await this.closeSession();
		await dataWorker.api.putNotebook(notebook);
		await this.library.refresh();
		await this.openNotebook(notebook.id);
	}

	async openNotebook(id: string): Promise<void> {
		await this.closeSession();
		const raw = await dataWorker.api.getNotebook(id);
		if (!raw) {
			this.message = { kind: 'error', text: `Notebook ${id} is not stored.` };
			return;
		}
		const { notebook } = parseNotebook(raw);
		const snapshot = await this.sharing.snapshotOf(id);
		this.session = new NotebookSession(notebook, snapshot ? { snapshot } : {});
		this.sharing.diff = null;
		await dataWorker.api.setMeta(LAST_NOTEBOOK, id);
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a throwaway URL for history
		const url = new URL(location.href);
		url.searchParams.set('nb', id);
		history.replaceState(history.state, '', url);
		await this.session.restore();
	}

	/** A new empty notebook (a markdown heading and a data cell) for an incident. */
	async newNotebook(incidentId: string): Promise<void> {
		const title = this.library.incident(incidentId)?.manifest.title ?? incidentId;
		const now = new Date(Date.now()).toISOString(); // eslint-disable-line svelte/prefer-svelte-reactivity
		const doc: Notebook = {
			format: NOTEBOOK_FORMAT,
			version: NOTEBOOK_VERSION,
			id: `nb-${newId()}`,
			title: `Analysis: ${title}`,
			incidentId,
			createdAt: now,
			updatedAt: now,
			notes: [],
			cells: [
				{
					id: newId(),
					kind: 'markdown',
					name: 'notes',
					inputs: {},
					params: {},
					source: `# ${title}\n`
				},
				{
					id: newId(),
					kind: 'data',
					name: 'data',
					inputs: {},
					params: { series: ['*'], logs: false, events: true, range: 'all' }
				}
			]
		};
		await dataWorker.api.putNotebook(doc);
		await this.library.refresh();
		await this.openNotebook(doc.id);
	}

	async deleteNotebook(id: string): Promise<void> {
		if (this.session?.doc.id === id) await this.closeSession();
		await dataWorker.api.deleteNotebook(id);
		await this.library.refresh();
	}

	async deleteIncident(id: string): Promise<void> {
		if (this.session?.doc.incidentId === id) await this.closeSession();
		await this.library.deleteIncident(id);
	}

	/**
	 * Deletes everything this app stored in the browser (database and cached model files), then
	 * reloads so every worker starts from nothing, as on a first visit.
	 */
	async clearAllData(): Promise<void> {
		await this.closeSession(); // its last save lands before the clear, not after it
		await dataWorker.api.clearAll();
		if ('caches' in globalThis)
			for (const key of await caches.keys()) await caches.delete(key).catch(() => false);
		location.reload();
	}

	/** The open notebook as `.nb.json` text and a file name for it. */
	async exportNotebook(): Promise<{ name: string; text: string } | null> {
		if (!this.session) return null;
		await this.session.flush();
		const doc = this.session.doc;
		const slug =
			doc.title
				.toLowerCase()
				.replace(/[^a-z0-9]+/g, '-')
				.replace(/^-|-$/g, '') || doc.id;
		return { name: `${slug}.nb.json`, text: serializeNotebook(doc) };
	}

	/** Imports a `.nb.json`; a notebook with the same id is replaced (the file is the newer truth). */
	async importNotebook(file: File): Promise<void> {
		try {
			const { notebook, warnings } = parseNotebook(await file.text());
			const existed = this.library.notebooks.some((n) => n.id === notebook.id);
			await this.storeAndOpen(notebook);
			const missing = this.library.incident(notebook.incidentId)
				? ''
				: ` Its incident "${notebook.incidentId}" is not in the library: import that bundle to run it.`;
			const notes = warnings.length
				? ` (${warnings.length} repair(s): ${warnings.join('; ')})`
				: '';
			this.message = {
				kind: missing ? 'error' : 'ok',
				text: `Imported notebook "${notebook.title}"${existed ? ', replacing the stored copy' : ''}.${notes}${missing}`
			};
		} catch (e) {
			this.message = { kind: 'error', text: `${file.name}: ${(e as Error).message}` };
		}
	}
}
