/**
 * Ids and names for cells. Ids are short random strings that never change; names are what other
 * cells reference, so they are readable and unique within a notebook.
 */

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A short random id (8 chars of [a-z0-9], ~41 bits): plenty for the cells of one notebook. */
export function newId(taken?: ReadonlySet<string>): string {
	for (;;) {
		const bytes = crypto.getRandomValues(new Uint8Array(8));
		let id = '';
		for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
		// Ids must not start with a digit so they stay usable as DOM ids and CSS selectors.
		if (/^[0-9]/.test(id)) id = 'c' + id.slice(1);
		if (!taken?.has(id)) return id;
	}
}

/** The base of a name derived from a kind: the kind reduced to [a-z0-9_] ('markdown', 'data'). */
export function nameFromKind(base: string): string {
	const cleaned = base
		.toLowerCase()
		.replace(/[^a-z0-9_]+/g, '_')
		.replace(/^_+|_+$/g, '');
	return cleaned || 'cell';
}

/** First free name among `base`, `base_2`, `base_3`, ... */
export function freeName(base: string, taken: ReadonlySet<string>): string {
	if (!taken.has(base)) return base;
	for (let i = 2; ; i++) {
		const candidate = `${base}_${i}`;
		if (!taken.has(candidate)) return candidate;
	}
}
