/**
 * Finds the 1-based line of values inside a JSON text by path. JSON.parse gives no positions, so
 * after a (rare) validation failure we walk the text once, descending only into containers on the
 * way to a wanted path and skipping everything else with a tight character loop.
 */

/** Object keys and array indices from the document root to a value. */
export type JsonPath = (string | number)[];

/** 'timeRange.start', 'metrics[2].points[17][1]'. */
export function renderPath(path: JsonPath): string {
	let out = '';
	for (const seg of path) {
		if (typeof seg === 'number') out += `[${seg}]`;
		else out += out === '' ? seg : `.${seg}`;
	}
	return out;
}

interface Node {
	children: Map<string, Node>;
	line?: number;
}

/**
 * Returns, for each path, the line where its value starts; when the value does not exist (a missing
 * key), the line of its deepest existing ancestor.
 */
export function locateLines(text: string, paths: JsonPath[]): number[] {
	const root: Node = { children: new Map() };
	for (const p of paths) {
		let node = root;
		for (const seg of p) {
			const k = String(seg);
			let next = node.children.get(k);
			if (!next) node.children.set(k, (next = { children: new Map() }));
			node = next;
		}
	}
	const w = new Walker(text);
	w.ws();
	w.walk(root);
	return paths.map((p) => {
		let node: Node | undefined = root;
		let line = root.line ?? 1;
		for (const seg of p) {
			node = node.children.get(String(seg));
			if (!node || node.line === undefined) break;
			line = node.line;
		}
		return line;
	});
}

class Walker {
	pos = 0;
	line = 1;
	constructor(private readonly s: string) {}

	ws(): void {
		const s = this.s;
		for (;;) {
			const c = s.charCodeAt(this.pos);
			if (c === 10) this.line++;
			else if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) return;
			this.pos++;
		}
	}

	/** At a value start: records its line, then descends if it leads to a wanted path. */
	walk(node: Node): void {
		node.line = this.line;
		const c = this.s[this.pos];
		if (node.children.size === 0 || (c !== '{' && c !== '[')) return this.skip();
		const isObj = c === '{';
		const close = isObj ? '}' : ']';
		this.pos++;
		this.ws();
		let index = 0;
		while (this.pos < this.s.length && this.s[this.pos] !== close) {
			let key = String(index++);
			if (isObj) {
				key = this.readString();
				this.ws();
				this.pos++; // ':'
				this.ws();
			}
			const child = node.children.get(key);
			if (child) this.walk(child);
			else this.skip();
			this.ws();
			if (this.s[this.pos] === ',') {
				this.pos++;
				this.ws();
			}
		}
		this.pos++;
	}

	private readString(): string {
		const start = this.pos;
		this.skipString();
		const raw = this.s.slice(start, this.pos);
		return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
	}

	private skipString(): void {
		const s = this.s;
		let i = this.pos + 1;
		for (;;) {
			const c = s.charCodeAt(i);
			if (c === 92) i += 2;
			else if (c === 34 || i >= s.length) break;
			else i++;
		}
		this.pos = i + 1;
	}

	/** Skips one value of any kind, counting newlines. */
	private skip(): void {
		const s = this.s;
		let depth = 0;
		for (;;) {
			if (this.pos >= s.length) return;
			const c = s.charCodeAt(this.pos);
			if (c === 34) {
				this.skipString();
				if (depth === 0) return;
				continue;
			}
			if (c === 123 || c === 91) depth++;
			else if (c === 125 || c === 93) {
				// At depth 0 this bracket closes the parent: leave it for the caller.
				if (depth === 0) return;
				if (--depth === 0) {
					this.pos++;
					return;
				}
			} else if (depth === 0 && (c === 44 || c === 10 || c === 32 || c === 13 || c === 9)) return;
			else if (c === 10) this.line++;
			this.pos++;
		}
	}
}
