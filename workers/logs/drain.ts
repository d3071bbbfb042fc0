/**
 * Online log template mining in the style of Drain (He et al., ICWS 2017): a fixed-depth parse
 * tree routes a masked, tokenised message by its token count and its first tokens to a leaf; in
 * the leaf the most similar template wins if its similarity reaches the threshold, and the template
 * is generalised where the tokens differ; otherwise the message starts a new template.
 */
import { isVariableToken, joinTokens, maskMessage, tokenize, WILDCARD } from './mask';

/** Tuning of the miner. One default setting serves every log source. */
export interface DrainOptions {
	/** Depth of the parse tree including root and length layers (so depth - 2 token layers). */
	depth: number;
	/** Share of equal tokens needed to join a template (0..1). */
	similarity: number;
	/** Children per inner node; further distinct tokens share the wildcard child. */
	maxChildren: number;
	/**
	 * Distinct plain words allowed at one position before it becomes a variable. Two lines that
	 * differ in a plain word (`VM Started` / `VM Paused`) keep separate templates until more than
	 * this many sibling templates differ only at that position (`Invalid user alice|bob|…`).
	 */
	maxWordVariants: number;
}

export const DEFAULT_DRAIN: DrainOptions = {
	depth: 4,
	similarity: 0.5,
	maxChildren: 100,
	maxWordVariants: 4
};

/** One mined template. */
export interface Cluster {
	/** Stable id in creation order: 'T1', 'T2', … */
	id: string;
	/** Template tokens; WILDCARD where the value varies. */
	tokens: string[];
	/** Text between tokens, taken from the first line of the template. */
	gaps: string[];
	/** Lines assigned to the template. */
	count: number;
	/** Set when the template was folded into another one (index into the cluster list). */
	mergedInto?: number;
}

interface TreeNode {
	children: Map<string, TreeNode>;
	/** Indexes into the cluster list (leaves only). */
	clusters: number[];
}

/** A plain word (letters, optionally one trailing punctuation mark): likely part of the template. */
const WORD = /^[A-Za-z]+[.:!?]?$/;
const isWord = (token: string): boolean => WORD.test(token);

const newNode = (): TreeNode => ({ children: new Map(), clusters: [] });

/** The template text with `<*>` for variables. */
export function templateText(c: Cluster): string {
	return joinTokens(c.tokens, c.gaps);
}

export class DrainMiner {
	private readonly root = newNode();
	private readonly list: Cluster[] = [];
	readonly options: DrainOptions;

	constructor(options: Partial<DrainOptions> = {}) {
		this.options = { ...DEFAULT_DRAIN, ...options };
	}

	/** All templates, in creation order (index = numeric id - 1). */
	get clusters(): readonly Cluster[] {
		return this.list;
	}

	/** The live template a (possibly merged-away) cluster index now belongs to. */
	resolve(index: number): number {
		let i = index;
		while (this.list[i].mergedInto !== undefined) i = this.list[i].mergedInto as number;
		return i;
	}

	/**
	 * Assigns a message to a template (creating or generalising one); returns its list index.
	 * The index stays valid: if the template is later folded into another, `resolve` maps it.
	 */
	add(message: string): number {
		const { tokens, gaps } = tokenize(maskMessage(message));
		const leaf = this.leafFor(tokens, true);
		const best = this.bestMatch(leaf, tokens);
		if (best >= 0) {
			const c = this.list[best];
			for (let i = 0; i < tokens.length; i++) {
				if (c.tokens[i] !== tokens[i]) c.tokens[i] = WILDCARD;
			}
			c.count++;
			return best;
		}
		const index = this.list.length;
		this.list.push({ id: `T${index + 1}`, tokens: tokens.slice(), gaps, count: 1 });
		leaf.clusters.push(index);
		this.foldWordVariants(leaf, index);
		return index;
	}

	/** The template a message would match now, without changing anything; -1 if none. */
	match(message: string): number {
		const { tokens } = tokenize(maskMessage(message));
		const leaf = this.leafFor(tokens, false);
		return leaf ? this.bestMatch(leaf, tokens) : -1;
	}

	private leafFor(tokens: string[], create: true): TreeNode;
	private leafFor(tokens: string[], create: false): TreeNode | undefined;
	private leafFor(tokens: string[], create: boolean): TreeNode | undefined {
		let node = this.child(this.root, String(tokens.length), create);
		const layers = Math.min(this.options.depth - 2, tokens.length);
		for (let i = 0; i < layers && node; i++) {
			const token = tokens[i];
			const key = isVariableToken(token) ? WILDCARD : token;
			if (node.children.has(key)) node = node.children.get(key);
			else if (key !== WILDCARD && node.children.size + 1 < this.options.maxChildren) {
				node = this.child(node, key, create);
			} else node = this.child(node, WILDCARD, create);
		}
		return node;
	}

	private child(node: TreeNode, key: string, create: boolean): TreeNode | undefined {
		let next = node.children.get(key);
		if (!next && create) {
			next = newNode();
			node.children.set(key, next);
		}
		return next;
	}

	/** The most similar template in a leaf at or above the threshold; -1 if none. */
	private bestMatch(leaf: TreeNode, tokens: string[]): number {
		let best = -1;
		let bestSim = -1;
		let bestParams = -1;
		for (const index of leaf.clusters) {
			const t = this.list[index].tokens;
			let same = 0;
			let params = 0;
			let wordClash = false;
			for (let i = 0; i < t.length && !wordClash; i++) {
				if (t[i] === WILDCARD) params++;
				else if (t[i] === tokens[i]) same++;
				else wordClash = isWord(t[i]) && isWord(tokens[i]);
			}
			if (wordClash) continue;
			const sim = t.length === 0 ? 1 : same / t.length;
			if (sim > bestSim || (sim === bestSim && params > bestParams)) {
				best = index;
				bestSim = sim;
				bestParams = params;
			}
		}
		return bestSim >= this.options.similarity ? best : -1;
	}

	/**
	 * After a new template was added to a leaf: if more than maxWordVariants templates of the leaf
	 * differ from it only in one plain word at the same position, that position is a variable
	 * after all, and they are folded into the oldest of them.
	 */
	private foldWordVariants(leaf: TreeNode, added: number): void {
		const t = this.list[added].tokens;
		const byPos = new Map<number, number[]>();
		for (const other of leaf.clusters) {
			if (other === added) continue;
			const pos = singleWordDifference(t, this.list[other].tokens);
			if (pos < 0) continue;
			const group = byPos.get(pos);
			if (group) group.push(other);
			else byPos.set(pos, [other]);
		}
		for (const [pos, group] of byPos) {
			if (group.length + 1 <= this.options.maxWordVariants) continue;
			const members = [...group, added].sort((a, b) => a - b);
			const keep = this.list[members[0]];
			keep.tokens[pos] = WILDCARD;
			for (const m of members.slice(1)) {
				keep.count += this.list[m].count;
				this.list[m].mergedInto = members[0];
			}
			const gone = new Set(members.slice(1));
			leaf.clusters = leaf.clusters.filter((c) => !gone.has(c));
			return;
		}
	}
}

/** The one position where two templates differ, both being plain words there; else -1. */
function singleWordDifference(a: string[], b: string[]): number {
	let pos = -1;
	for (let i = 0; i < a.length; i++) {
		if (a[i] === b[i]) continue;
		if (pos >= 0 || !isWord(a[i]) || !isWord(b[i])) return -1;
		pos = i;
	}
	return pos;
}
