/**
 * Collects import problems. Issues are drafted while parsing and turned into BundleIssue objects
 * (with their human message) only at the end, because issues inside JSON documents learn their line
 * number late: one pass over the text resolves all of them at once (see json-locate.ts).
 */
import type { BundleIssue } from './types';
import { locateLines, renderPath, type JsonPath } from './json-locate';

/** Longest `got` text kept in an issue. */
const GOT_MAX = 80;

/** A parsed JSON document (manifest.json, a single-JSON bundle ...) that issues can point into. */
export interface JsonDoc {
	/** Bundle-relative path of the file. */
	file: string;
	/** The decoded text, needed to find line numbers of JSON paths. */
	text: string;
}

/** Everything an issue may say about where and what; `message` is built from it. */
export interface IssueDraft {
	/** Bundle-relative path, or '(bundle)'. */
	file: string;
	/** 1-based line, when known up front (text formats). */
	line?: number;
	/** Column / field name; for JSON documents derived from `json.path` when absent. */
	field?: string;
	/** Word used before the field in the message (default 'field'). */
	fieldKind?: 'column' | 'field';
	/** What was expected, in words. */
	expected?: string;
	/** What was found: strings are kept (truncated), other values described. */
	got?: unknown;
	/** Sentence used instead of "expected X, got Y". */
	text?: string;
	/** For issues inside a JSON document: the document and the path of the offending value. */
	json?: { doc: JsonDoc; path: JsonPath };
}

interface Drafted extends IssueDraft {
	severity: BundleIssue['severity'];
}

/** Thrown by parsers to stop early once the error budget is used up. */
export class TooManyErrors extends Error {
	constructor() {
		super('Too many errors');
		this.name = 'TooManyErrors';
	}
}

export class Issues {
	private drafts: Drafted[] = [];
	private errorCount = 0;
	private warningCount = 0;
	private droppedWarnings = 0;
	/** True once maxErrors errors were recorded; further errors are dropped. */
	stopped = false;

	constructor(
		readonly maxErrors = 50,
		readonly maxWarnings = 200
	) {}

	get hasErrors(): boolean {
		return this.errorCount > 0;
	}

	/** Records an error; throws TooManyErrors when the budget is exhausted so parsing stops. */
	error(d: IssueDraft): void {
		if (this.stopped) throw new TooManyErrors();
		this.drafts.push({ ...d, severity: 'error' });
		if (++this.errorCount >= this.maxErrors) {
			this.stopped = true;
			throw new TooManyErrors();
		}
	}

	warn(d: IssueDraft): void {
		// Warnings are informative; capping them keeps a pathological file from flooding the UI.
		if (this.warningCount >= this.maxWarnings) {
			this.droppedWarnings++;
			return;
		}
		this.warningCount++;
		this.drafts.push({ ...d, severity: 'warning' });
	}

	/** Resolves JSON line numbers and builds the final issues with their messages. */
	finish(): { errors: BundleIssue[]; warnings: BundleIssue[] } {
		resolveJsonLines(this.drafts);
		const errors: BundleIssue[] = [];
		const warnings: BundleIssue[] = [];
		for (const d of this.drafts) (d.severity === 'error' ? errors : warnings).push(build(d));
		if (this.stopped) {
			warnings.push(
				build({
					severity: 'warning',
					file: '(bundle)',
					text: `stopped after ${this.maxErrors} errors; fix these and import again to see more`
				})
			);
		}
		if (this.droppedWarnings > 0) {
			warnings.push(
				build({
					severity: 'warning',
					file: '(bundle)',
					text: `${this.droppedWarnings} more warnings not shown`
				})
			);
		}
		return { errors, warnings };
	}
}

function resolveJsonLines(drafts: Drafted[]): void {
	const byDoc = new Map<JsonDoc, Drafted[]>();
	for (const d of drafts) {
		if (!d.json || d.line !== undefined) continue;
		const list = byDoc.get(d.json.doc) ?? [];
		list.push(d);
		byDoc.set(d.json.doc, list);
	}
	for (const [doc, list] of byDoc) {
		const lines = locateLines(
			doc.text,
			list.map((d) => d.json!.path)
		);
		list.forEach((d, i) => (d.line = lines[i]));
	}
}

/** Shortens long found values so messages stay readable. */
export function truncate(s: string): string {
	return s.length > GOT_MAX ? s.slice(0, GOT_MAX - 1) + '…' : s;
}

/** The `got` text stored in the issue: raw (truncated) strings, a short description otherwise. */
function gotText(v: unknown): string {
	if (typeof v === 'string') return truncate(v);
	if (v === undefined) return 'nothing';
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'an array';
	if (typeof v === 'object') return 'an object';
	return truncate(String(v));
}

function build(d: Drafted): BundleIssue {
	const field = d.field ?? (d.json && d.json.path.length > 0 ? renderPath(d.json.path) : undefined);
	const hasGot = 'got' in d;
	const got = hasGot ? gotText(d.got) : undefined;
	let where = d.file;
	if (d.line !== undefined) where += ` line ${d.line}`;
	if (field !== undefined)
		where += `${d.line !== undefined ? ',' : ''} ${d.fieldKind ?? 'field'} "${field}"`;
	let what = d.text ?? '';
	if (!d.text && d.expected) {
		what = `expected ${d.expected}`;
		if (hasGot) what += `, got ${typeof d.got === 'string' ? JSON.stringify(got) : got}`;
	}
	const issue: BundleIssue = { severity: d.severity, file: d.file, message: `${where}: ${what}` };
	if (d.line !== undefined) issue.line = d.line;
	if (field !== undefined) issue.field = field;
	if (d.expected !== undefined) issue.expected = d.expected;
	if (got !== undefined) issue.got = got;
	return issue;
}

/** Where a record (a JSONL line, an item of a JSON array) sits, for field-level issues. */
export interface RecordAt {
	/** Bundle-relative path of the file. */
	file: string;
	/** 1-based line of a text record (JSONL, CSV). */
	line?: number;
	/** For records inside a JSON document: the document and the record's path. */
	json?: { doc: JsonDoc; path: JsonPath };
	/** Word used for fields in messages (CSV: 'column'). */
	fieldKind?: 'column' | 'field';
}

/** The location of one field of a record. */
export function atField(at: RecordAt, field: string): IssueDraft {
	if (at.json) return { file: at.file, json: { doc: at.json.doc, path: [...at.json.path, field] } };
	return { file: at.file, line: at.line, field, fieldKind: at.fieldKind };
}

/** The location of a whole record. */
export function atRecord(at: RecordAt): IssueDraft {
	return at.json ? { file: at.file, json: at.json } : { file: at.file, line: at.line };
}
