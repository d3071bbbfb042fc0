/**
 * The feedback dataset (the RLHF loop): one record per rated diagnosis, stored in IndexedDB and
 * exchanged as feedback_dataset.jsonl. A record's id hashes its prompt and diagnosis, so rating the
 * same diagnosis again replaces the earlier rating, and importing a file twice adds nothing.
 */
import { hashText } from '../shared/hash-text';
import type { AitiaDb } from './db';

/** One rating, in the field names of the exported JSONL (snake_case, as RLHF tooling expects). */
export interface FeedbackRecord {
	/** Hash of prompt + diagnosis: the dedupe key. */
	id: string;
	/** The exact prompt sent (system + user, redacted). */
	prompt: string;
	/** The diagnosis text rated (model answer or offline explanation). */
	diagnosis: string;
	/** 1 = thumbs up, -1 = thumbs down. */
	human_rating: 1 | -1;
	incident_id: string;
	/** Model name, or 'offline' for the deterministic explanation. */
	model: string;
	/** ISO time of the rating. */
	timestamp: string;
	/** The root cause the engineer says is right, if they corrected it. */
	corrected_root_cause?: string;
	comment?: string;
}

export const feedbackId = (prompt: string, diagnosis: string): string =>
	hashText(prompt + '\u0000' + diagnosis);

/** Checks one parsed JSONL object; returns the record or a reason it is not one. */
export function toFeedbackRecord(x: unknown): FeedbackRecord | string {
	if (!x || typeof x !== 'object') return 'not an object';
	const o = x as Record<string, unknown>;
	for (const k of ['prompt', 'diagnosis', 'incident_id', 'model', 'timestamp'] as const) {
		if (typeof o[k] !== 'string') return `"${k}" must be a string`;
	}
	if (o.human_rating !== 1 && o.human_rating !== -1) return '"human_rating" must be 1 or -1';
	if (Number.isNaN(Date.parse(o.timestamp as string))) return '"timestamp" is not a date';
	const opt = (k: string) => (typeof o[k] === 'string' && o[k] ? (o[k] as string) : undefined);
	const rec: FeedbackRecord = {
		id: feedbackId(o.prompt as string, o.diagnosis as string),
		prompt: o.prompt as string,
		diagnosis: o.diagnosis as string,
		human_rating: o.human_rating,
		incident_id: o.incident_id as string,
		model: o.model as string,
		timestamp: o.timestamp as string
	};
	if (opt('corrected_root_cause')) rec.corrected_root_cause = opt('corrected_root_cause');
	if (opt('comment')) rec.comment = opt('comment');
	return rec;
}

/** One JSON object per line, oldest first, with a fixed key order. */
export function toJsonl(records: FeedbackRecord[]): string {
	return [...records]
		.sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.id.localeCompare(b.id))
		.map((r) => JSON.stringify(r) + '\n')
		.join('');
}

export interface ParsedJsonl {
	records: FeedbackRecord[];
	/** `line N: reason` for each line that is not a valid record. */
	errors: string[];
}

export function parseJsonl(text: string): ParsedJsonl {
	const records: FeedbackRecord[] = [];
	const errors: string[] = [];
	text.split(/\r?\n/).forEach((line, i) => {
		if (!line.trim()) return;
		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch {
			return void errors.push(`line ${i + 1}: not JSON`);
		}
		const rec = toFeedbackRecord(value);
		if (typeof rec === 'string') errors.push(`line ${i + 1}: ${rec}`);
		else records.push(rec);
	});
	return { records, errors };
}

/** Stores a rating (replacing an earlier rating of the same diagnosis). */
export async function putFeedback(
	db: AitiaDb,
	rec: Omit<FeedbackRecord, 'id'>
): Promise<FeedbackRecord> {
	const full = { ...rec, id: feedbackId(rec.prompt, rec.diagnosis) };
	await db.put('feedback', full);
	return full;
}

export async function listFeedback(db: AitiaDb, incidentId?: string): Promise<FeedbackRecord[]> {
	return incidentId
		? db.getAllFromIndex('feedback', 'byIncident', incidentId)
		: db.getAll('feedback');
}

export async function exportFeedback(db: AitiaDb): Promise<string> {
	return toJsonl(await listFeedback(db));
}

/** Merges a JSONL file: new ids are added, a known id keeps whichever rating is newer. */
export async function importFeedback(
	db: AitiaDb,
	text: string
): Promise<{ added: number; updated: number; unchanged: number; errors: string[] }> {
	const { records, errors } = parseJsonl(text);
	const tx = db.transaction('feedback', 'readwrite');
	let added = 0;
	let updated = 0;
	let unchanged = 0;
	for (const rec of records) {
		const old = await tx.store.get(rec.id);
		if (!old) added++;
		else if (old.timestamp < rec.timestamp) updated++;
		else {
			unchanged++;
			continue;
		}
		await tx.store.put(rec);
	}
	await tx.done;
	return { added, updated, unchanged, errors };
}
