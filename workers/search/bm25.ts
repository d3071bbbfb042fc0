/**
 * Okapi BM25 (Robertson & Zaragoza 2009) over short documents such as log templates: the honest
 * keyword baseline for semantic search, and the keyword half of hybrid search. Tokens are lower-cased
 * words split at camelCase and punctuation; `<*>` and numbers are dropped (they carry no meaning).
 */

/** BM25 parameters; k1 1.2 and b 0.75 are the textbook defaults. */
export interface Bm25Options {
	k1?: number;
	b?: number;
}

/** Words of a text: `getOrderById` → get order by id; digits and `<*>` dropped. */
export function bm25Tokens(text: string): string[] {
	const spaced = text.replace(/<\*>/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');
	return spaced.toLowerCase().match(/[a-z]+/g) ?? [];
}

/** One scored document: its row and its BM25 score. */
export interface Bm25Hit {
	row: number;
	score: number;
}

export class Bm25Index {
	private readonly k1: number;
	private readonly b: number;
	/** Per document: term → frequency. */
	private readonly tf: Map<string, number>[] = [];
	private readonly lengths: number[] = [];
	/** Documents that contain each term. */
	private readonly df = new Map<string, number>();

	constructor(docs: string[], o: Bm25Options = {}) {
		this.k1 = o.k1 ?? 1.2;
		this.b = o.b ?? 0.75;
		for (const d of docs) this.add(d);
	}

	get size(): number {
		return this.tf.length;
	}

	add(doc: string): void {
		const counts = new Map<string, number>();
		const tokens = bm25Tokens(doc);
		for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
		for (const t of counts.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
		this.tf.push(counts);
		this.lengths.push(tokens.length);
	}

	/** The k best documents for a query (score > 0 only), best first. */
	search(query: string, k: number): Bm25Hit[] {
		const n = this.tf.length;
		const avg = this.lengths.reduce((s, l) => s + l, 0) / Math.max(1, n);
		const terms = [...new Set(bm25Tokens(query))];
		const hits: Bm25Hit[] = [];
		for (let row = 0; row < n; row++) {
			let score = 0;
			for (const t of terms) {
				const f = this.tf[row].get(t);
				if (!f) continue;
				// The "+1" form of idf stays positive for terms in more than half the documents.
				const idf = Math.log(1 + (n - this.df.get(t)! + 0.5) / (this.df.get(t)! + 0.5));
				const norm = 1 - this.b + (this.b * this.lengths[row]) / Math.max(avg, 1e-9);
				score += (idf * f * (this.k1 + 1)) / (f + this.k1 * norm);
			}
			if (score > 0) hits.push({ row, score });
		}
		return hits.sort((a, b) => b.score - a.score || a.row - b.row).slice(0, k);
	}
}
