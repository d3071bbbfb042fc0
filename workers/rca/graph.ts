/** The service call graph (caller → callee) with the few walks the methods need. */
import type { ServiceEdge } from './types';

export class ServiceGraph {
	readonly callees = new Map<string, Set<string>>();
	readonly callers = new Map<string, Set<string>>();
	readonly nodes = new Set<string>();

	constructor(edges: readonly ServiceEdge[], nodes: Iterable<string> = []) {
		for (const n of nodes) this.nodes.add(n);
		for (const e of edges) {
			if (e.from === e.to) continue;
			this.nodes.add(e.from).add(e.to);
			(this.callees.get(e.from) ?? this.callees.set(e.from, new Set()).get(e.from)!).add(e.to);
			(this.callers.get(e.to) ?? this.callers.set(e.to, new Set()).get(e.to)!).add(e.from);
		}
	}

	get edgeCount(): number {
		let n = 0;
		for (const s of this.callees.values()) n += s.size;
		return n;
	}

	calleesOf(s: string): ReadonlySet<string> {
		return this.callees.get(s) ?? new Set();
	}

	callersOf(s: string): ReadonlySet<string> {
		return this.callers.get(s) ?? new Set();
	}

	/** Entry points: called by nobody (front ends, load balancers, batch jobs). */
	isEntry(s: string): boolean {
		return this.callersOf(s).size === 0;
	}

	/**
	 * Shortest call path from `from` down to `to` (both included), preferring paths whose inner
	 * nodes satisfy `through` (e.g. "is anomalous"); undefined when `to` is not reachable.
	 */
	path(
		from: string,
		to: string,
		through: (s: string) => boolean = () => true
	): string[] | undefined {
		return this.bfs(from, to, through) ?? this.bfs(from, to, () => true);
	}

	private bfs(from: string, to: string, through: (s: string) => boolean): string[] | undefined {
		const prev = new Map<string, string>([[from, from]]);
		const queue = [from];
		while (queue.length) {
			const u = queue.shift()!;
			if (u === to) break;
			if (u !== from && !through(u)) continue;
			for (const v of this.calleesOf(u)) {
				if (prev.has(v)) continue;
				prev.set(v, u);
				queue.push(v);
			}
		}
		if (!prev.has(to)) return undefined;
		const out = [to];
		while (out[0] !== from) out.unshift(prev.get(out[0])!);
		return out;
	}
}
