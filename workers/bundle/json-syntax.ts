/**
 * Finds where a JSON text stops being valid. Engines word JSON.parse errors differently and V8
 * often omits the position, but hand-edited manifests deserve "line 7 column 3", so on failure we
 * re-scan with this small validator (never on the happy path).
 */

/** Character offset of the first syntax error, or -1 if the text is valid JSON. */
export function jsonErrorOffset(s: string): number {
	let i = 0;
	const n = s.length;
	const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

	const ws = (): void => {
		while (i < n) {
			const c = s.charCodeAt(i);
			if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return;
			i++;
		}
	};
	const str = (): boolean => {
		i++;
		while (i < n) {
			const c = s.charCodeAt(i);
			if (c === 34) {
				i++;
				return true;
			}
			if (c < 32) return false;
			if (c === 92) {
				const e = s[i + 1];
				if (e === 'u') {
					if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) return false;
					i += 6;
					continue;
				}
				if (e === undefined || !'"\\/bfnrt'.includes(e)) return false;
				i += 2;
				continue;
			}
			i++;
		}
		return false;
	};
	const container = (close: string, member: () => boolean): boolean => {
		i++;
		ws();
		if (s[i] === close) {
			i++;
			return true;
		}
		for (;;) {
			if (!member()) return false;
			ws();
			if (s[i] === ',') {
				i++;
				continue;
			}
			if (s[i] === close) {
				i++;
				return true;
			}
			return false;
		}
	};
	const value = (): boolean => {
		ws();
		const c = s[i];
		if (c === '{') {
			return container('}', () => {
				ws();
				if (s[i] !== '"' || !str()) return false;
				ws();
				if (s[i] !== ':') return false;
				i++;
				return value();
			});
		}
		if (c === '[') return container(']', value);
		if (c === '"') return str();
		for (const lit of ['true', 'false', 'null']) {
			if (s.startsWith(lit, i)) {
				i += lit.length;
				return true;
			}
		}
		NUMBER.lastIndex = i;
		if (NUMBER.test(s)) {
			i = NUMBER.lastIndex;
			return true;
		}
		return false;
	};

	if (!value()) return Math.min(i, n);
	ws();
	return i < n ? i : -1;
}

/** 1-based line and column of a character offset. */
export function lineColumn(s: string, offset: number): { line: number; column: number } {
	let line = 1;
	let lineStart = 0;
	for (let k = s.indexOf('\n'); k >= 0 && k < offset; k = s.indexOf('\n', k + 1)) {
		line++;
		lineStart = k + 1;
	}
	return { line, column: offset - lineStart + 1 };
}

/** Deepest nesting accepted: real bundles stay under 20; deeper values overflow recursive code. */
export const MAX_JSON_DEPTH = 1000;

/**
 * Offset where the text's nesting first exceeds `max` levels of [ and {, or -1. Scans characters,
 * skipping strings, so it never recurses itself.
 */
export function excessiveNesting(s: string, max = MAX_JSON_DEPTH): number {
	let depth = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c === 34) {
			for (i++; i < s.length && s.charCodeAt(i) !== 34; i++) if (s.charCodeAt(i) === 92) i++;
		} else if (c === 91 || c === 123) {
			if (++depth > max) return i;
		} else if (c === 93 || c === 125) depth--;
	}
	return -1;
}

/** The issue fields for text nested too deeply (line of the offending bracket). */
export function nestingIssue(
	s: string,
	at: number
): { line: number; expected: string; got: string; text: string } {
	const { line, column } = lineColumn(s, at);
	return {
		line,
		expected: `JSON nested at most ${MAX_JSON_DEPTH} levels deep`,
		got: `more than ${MAX_JSON_DEPTH} levels`,
		text: `JSON nested more than ${MAX_JSON_DEPTH} levels deep (at column ${column}); flatten the data`
	};
}
