/**
 * The folder layout of a bundle: which path plays which role. Matching ignores case because
 * bundles are often assembled on case-insensitive file systems (macOS, Windows).
 */

export type FileRole =
	| 'manifest'
	| 'metrics-csv'
	| 'logs-jsonl'
	| 'logs-text'
	| 'events-jsonl'
	| 'events-csv'
	| 'traces-jsonl'
	| 'traces-json'
	| 'topology'
	| 'ground-truth'
	| 'annotations'
	/** Another tool's export (Prometheus, Loki, OTLP …), recognised by content: sources/read.ts. */
	| 'source'
	/** Silently skipped (macOS zip resource forks). */
	| 'ignored'
	/** Not part of the layout: warned about and skipped. */
	| 'unknown';

/** Root-level file names with a fixed role. */
const ROOT_FILES: Record<string, FileRole> = {
	'manifest.json': 'manifest',
	'events.jsonl': 'events-jsonl',
	'events.csv': 'events-csv',
	'topology.json': 'topology',
	'ground_truth.json': 'ground-truth',
	'annotations.json': 'annotations'
};

/** Top-level folders of the layout (a folder with one of these names is never stripped). */
export const LAYOUT_FOLDERS = ['metrics', 'logs', 'events', 'traces'];

/** Extensions of other tools' exports per layout folder (read by content, sources/read.ts). */
const SOURCE_EXTENSIONS: Record<string, string[]> = {
	metrics: ['json', 'prom', 'txt'],
	logs: ['json', 'ndjson'],
	events: ['json']
};

/** OS clutter that must not stop a lone JSON file from being read as a single-JSON bundle. */
const JUNK_NAMES = ['.ds_store', 'thumbs.db', 'desktop.ini'];

/** True for paths of macOS resource-fork folders inside zips, which are skipped silently. */
export function isIgnoredPath(path: string): boolean {
	return path.startsWith('__MACOSX/') || path.includes('/__MACOSX/');
}

export function isJunkFile(path: string): boolean {
	return JUNK_NAMES.includes(baseName(path).toLowerCase());
}

/** 'logs/api.log' → 'api.log'. */
export function baseName(path: string): string {
	return path.slice(path.lastIndexOf('/') + 1);
}

/** 'logs/api.server.log' → 'api.server' (the service a log file is named after). */
export function stem(path: string): string {
	const b = baseName(path);
	const dot = b.lastIndexOf('.');
	return dot > 0 ? b.slice(0, dot) : b;
}

export function isRootLayoutFile(path: string): boolean {
	return ROOT_FILES[path.toLowerCase()] !== undefined;
}

export function roleOf(path: string): FileRole {
	if (isIgnoredPath(path)) return 'ignored';
	const lower = path.toLowerCase();
	const root = ROOT_FILES[lower];
	if (root) return root;
	const slash = lower.indexOf('/');
	// Only direct children of the layout folders take part; deeper files are unknown.
	if (slash < 0 || lower.indexOf('/', slash + 1) >= 0) return 'unknown';
	const folder = lower.slice(0, slash);
	const ext = lower.slice(lower.lastIndexOf('.') + 1);
	if (folder === 'metrics' && ext === 'csv') return 'metrics-csv';
	if (folder === 'logs' && ext === 'jsonl') return 'logs-jsonl';
	if (folder === 'logs' && (ext === 'log' || ext === 'txt')) return 'logs-text';
	if (folder === 'events' && ext === 'jsonl') return 'events-jsonl';
	if (folder === 'events' && ext === 'csv') return 'events-csv';
	if (folder === 'traces' && ext === 'jsonl') return 'traces-jsonl';
	if (folder === 'traces' && ext === 'json') return 'traces-json';
	if (SOURCE_EXTENSIONS[folder]?.includes(ext)) return 'source';
	return 'unknown';
}
