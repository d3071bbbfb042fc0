/** Notebook documents: opaque JSON to storage apart from id, incidentId, title and updatedAt. */
import type { AitiaDb } from './db';
import type { NotebookRecord } from './records';

/** What the library lists for a notebook. */
export interface NotebookHead {
	/** Notebook id. */
	id: string;
	/** Incident it analyses. */
	incidentId: string;
	/** Title shown in the library. */
	title: string;
	/** ISO time of the last save. */
	updatedAt: string;
}

export async function putNotebook(db: AitiaDb, doc: NotebookRecord): Promise<void> {
	await db.put('notebooks', doc);
}

export function getNotebook(db: AitiaDb, id: string): Promise<NotebookRecord | undefined> {
	return db.get('notebooks', id);
}

/** Notebooks (of one incident when given), most recently saved first. */
export async function listNotebooks(db: AitiaDb, incidentId?: string): Promise<NotebookHead[]> {
	const docs =
		incidentId === undefined
			? await db.getAll('notebooks')
			: await db.getAllFromIndex('notebooks', 'byIncident', incidentId);
	return docs
		.map(({ id, incidentId, title, updatedAt }) => ({ id, incidentId, title, updatedAt }))
		.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export async function deleteNotebook(db: AitiaDb, id: string): Promise<void> {
	await db.delete('notebooks', id);
}
