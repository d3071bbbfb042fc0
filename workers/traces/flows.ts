/**
 * Broken request flows: what a service does inside a request, compared with what it always did
 * before in the same place. Each span is read as a record of one piece of work: the calls it made
 * (child spans), the statements it logged (lines joined by trace and span id, logs/trace-link.ts)
 * and how it ended (with its status). Its *context* is its operation and the operation that called
 * it, so the same endpoint reached from two callers (which may take two code paths) is two contexts.
 * Entry spans (no parent) are not judged: what they do is what the request asked for.
 * Per context, the reference period gives the share of spans that contained each step; in the
 * incident window two things are tested per service:
 * - an **invariant that broke**: a step that (nearly) every span of the context took
 *   (≥ `invariantShare`) and that now mostly is missing (an early `return` skips a log statement;
 *   an exception skips the rest of the work);
 * - a **new step**: a step no span of the context ever took, now taken (an error line, a call to a
 *   fallback, an error status).
 * Conditioning on the context makes this robust to a different request mix: a request type that
 * did not occur in the reference has no context to compare with (after Nezha's event patterns, Yu et
 * al., "Nezha: Interpretable Fine-Grained Root Causes Analysis for Microservices on Multi-Modal
 * Observability Data", ESEC/FSE 2023). Steps are compared as a set, not in order: log times are
 * whole milliseconds while spans are finer, so the order of a line and a call within a millisecond
 * is noise (measured on the Nezha TrainTicket cases: in-order transitions found 11 of 24 code
 * faults with millisecond log times, the set 21).
 * Reference shares are uncertain when the reference is short, so counts are tested against a
 * beta-binomial (the reference share as a Beta posterior) rather than a binomial, and each
 * service's best p-value is multiplied by the number of steps tested for it (Bonferroni): a busy
 * service with many steps does not win by having more chances.
 */
import { LOG_LEVELS, type LogTable, type SpanTable, type TimeRange } from '../bundle/types';
import { templateText } from '../logs/drain';
import { isVariableToken } from '../logs/mask';
import { mineReference } from '../logs/reference';
import { traceLinks } from '../logs/trace-link';
import { betaBinomialLogCdf, betaBinomialLogSf } from '../shared/special';
import { zFromLogP } from '../causal/normal';

/** One service's strongest flow break. */
export interface FlowBreak {
	service: string;
	kind: 'broken-invariant' | 'new-step';
	/** The context (operation ← caller) and the step that went missing / appeared, in words. */
	context: string;
	step: string;
	/** Incident: spans of the context that took the step, out of `spans`. */
	observed: number;
	spans: number;
	/** Reference: the same two counts. */
	refObserved: number;
	refSpans: number;
	/** Expected incident count from the reference share. */
	expected: number;
	/** Steps tested for this service (the Bonferroni factor). */
	tests: number;
	/** log10 of the adjusted p-value (≤ 0). */
	log10p: number;
	/** The adjusted p-value as a one-sided normal deviate, comparable with a series' z. */
	z: number;
}

export interface FlowSettings {
	/** Share of a context's spans that makes a step an invariant. */
	invariantShare: number;
	/** Reference spans a context needs before a new step in it means anything. */
	minContext: number;
}

export const FLOW_DEFAULTS: FlowSettings = { invariantShare: 0.9, minContext: 2 };

const LEVELS = LOG_LEVELS.length;
const ERROR = 2;

/** Per service: spans per context, and per context the spans that took each step. */
class Counts {
	readonly spans = new Map<string, number>();
	readonly took = new Map<string, Map<string, number>>();
	add(context: string, steps: Set<string>) {
		this.count(context, steps, undefined);
		// Conditional contexts: the spans of the context that took step a, and what else they took
		// ("a ⇒ b" invariants, Lou et al., USENIX ATC 2010). A request that skips one branch of an
		// operation skips its statements in every span, yet within the spans that entered the
		// branch the broken statement was always there.
		if (steps.size <= MAX_PAIR_STEPS)
			for (const a of steps) this.count(`${context}${WHEN}${a}`, steps, a);
	}
	private count(context: string, steps: Set<string>, skip: string | undefined) {
		this.spans.set(context, (this.spans.get(context) ?? 0) + 1);
		const m = this.took.get(context) ?? this.took.set(context, new Map()).get(context)!;
		for (const s of steps) if (s !== skip) m.set(s, (m.get(s) ?? 0) + 1);
	}
}

/** Separates a context from the step its spans took (a conditional context). */
const WHEN = ', in spans that ';
/** Spans with more distinct steps get no conditional contexts (their pairs grow quadratically). */
const MAX_PAIR_STEPS = 24;

export function flowBreaks(
	spans: SpanTable,
	logs: LogTable | undefined,
	baseline: TimeRange,
	incident: TimeRange,
	settings: FlowSettings = FLOW_DEFAULTS
): FlowBreak[] {
	const n = spans.length;
	if (n === 0) return [];
	const inWin = (t: number, w: TimeRange) => t >= w.start && t <= w.end;
	let isRef = (t: number) => inWin(t, baseline);
	if (!spans.start.some((t) => isRef(t))) isRef = (t) => !inWin(t, incident);
	const role = new Uint8Array(n); // 1 reference, 2 incident, 0 neither
	for (let i = 0; i < n; i++)
		role[i] = isRef(spans.start[i]) ? 1 : inWin(spans.start[i], incident) ? 2 : 0;
	if (!role.includes(1) || !role.includes(2)) return [];

	const byId = new Map<string, number>();
	for (let i = 0; i < n; i++) byId.set(`${spans.traceId[i]}\u0000${spans.spanId[i]}`, i);
	const parent = new Int32Array(n).fill(-1);
	const steps: Set<string>[] = Array.from({ length: n }, () => new Set());
	const opOf = (i: number) => spans.operations[spans.operation[i]];
	const svcOf = (i: number) => spans.services[spans.service[i]];
	for (let i = 0; i < n; i++) {
		const p = spans.parentId[i]
			? byId.get(`${spans.traceId[i]}\u0000${spans.parentId[i]}`)
			: undefined;
		if (p === undefined) continue;
		parent[i] = p;
		steps[p].add(`calls ${svcOf(i)} ${opOf(i)}`);
	}
	for (let i = 0; i < n; i++)
		if (spans.status[i] === ERROR) steps[i].add('ends with an error status');
	if (logs && logs.length > 0) addLogSteps(logs, spans, byId, baseline, incident, steps);

	const ref = spans.services.map(() => new Counts());
	const inc = spans.services.map(() => new Counts());
	for (let i = 0; i < n; i++) {
		const p = parent[i];
		// What an entry span does is what the request asked for (the user's choice, not the
		// service's behaviour): a different request mix would read as broken flows there.
		if (role[i] === 0 || p < 0) continue;
		const caller =
			p < 0
				? 'no caller'
				: spans.service[p] === spans.service[i]
					? opOf(p)
					: `${svcOf(p)} ${opOf(p)}`;
		(role[i] === 1 ? ref : inc)[spans.service[i]].add(`${opOf(i)} ← ${caller}`, steps[i]);
	}

	const out: FlowBreak[] = [];
	for (let s = 0; s < spans.services.length; s++) {
		const best = strongest(ref[s], inc[s], settings);
		if (best && best.z > 0) out.push({ ...best, service: spans.services[s] });
	}
	return out.sort((a, b) => b.z - a.z);
}

/** Every linked log line becomes a step of its span: its level and statement. */
function addLogSteps(
	logs: LogTable,
	spans: SpanTable,
	byId: Map<string, number>,
	baseline: TimeRange,
	incident: TimeRange,
	steps: Set<string>[]
) {
	const links = traceLinks(logs, spans, byId);
	if (links.linked === 0) return;
	const mined = mineReference(logs, baseline, incident);
	const labels = new Map<string, string>();
	for (let j = 0; j < logs.length; j++) {
		const s = links.span[j];
		if (s < 0) continue;
		const at = codeLocation(logs.message[j]);
		const key = `${mined.template[j] * LEVELS + logs.level[j]}\u0000${at}`;
		let label = labels.get(key);
		if (label === undefined) {
			const text = templateText(mined.miner.clusters[mined.template[j]]);
			label = `logs ${LOG_LEVELS[logs.level[j]]} "${statementOf(text)}"${at ? ` at ${at}` : ''}`;
			labels.set(key, label);
		}
		steps[s].add(label);
	}
}

/**
 * The source position a line names, if any (`o.s.OrderServiceImpl#68`, `server.go:142`,
 * `(Foo.java:31)`): the masking treats every number as a value, yet a line number is where the
 * statement is, and two statements with the same words at two places are two steps. A `#n` needs a
 * qualified name before it (`user#12` is a value, not a place).
 */
export function codeLocation(message: string): string {
	return CODE_LOCATION.exec(message.slice(0, 300))?.[1] ?? '';
}

const CODE_LOCATION =
	/(?<![\w.$/-])((?:[A-Za-z_$][\w$]*[./])+[A-Za-z_$][\w$]*#\d+|(?:[A-Za-z_$][\w$]*[./])*[A-Za-z_$][\w$]*\.(?:java|kt|scala|go|py|rb|rs|js|ts|cs|cpp|cc|c|php|swift):\d+)(?![\w.:])/;

export function statementOf(template: string): string {
	const words = template.split(/\s+/).filter((w) => w !== '' && !isVariableToken(w));
	return words.slice(0, STATEMENT_WORDS).join(' ');
}

const STATEMENT_WORDS = 8;

/** The service's most significant break, Bonferroni-adjusted over the steps tested. */
function strongest(
	ref: Counts,
	inc: Counts,
	settings: FlowSettings
): Omit<FlowBreak, 'service'> | undefined {
	let tests = 0;
	let best: Omit<FlowBreak, 'service' | 'tests' | 'z'> | undefined;
	const consider = (c: Omit<FlowBreak, 'service' | 'tests' | 'z'>) => {
		tests++;
		if (!best || c.log10p < best.log10p) best = c;
	};
	for (const [context, spans] of inc.spans) {
		const refSpans = ref.spans.get(context) ?? 0;
		if (refSpans === 0) continue; // a context the reference never saw: nothing to compare
		// A conditional context on a step (nearly) every span takes is its plain context again.
		const cut = context.indexOf(WHEN);
		if (
			cut >= 0 &&
			refSpans >= settings.invariantShare * (ref.spans.get(context.slice(0, cut)) ?? 0)
		)
			continue;
		const refTook = ref.took.get(context)!;
		const incTook = inc.took.get(context)!;
		for (const [step, k] of refTook) {
			if (k < settings.invariantShare * refSpans) continue;
			const observed = incTook.get(step) ?? 0;
			const alpha = k + 0.5;
			const beta = refSpans - k + 0.5;
			const expected = (spans * alpha) / (alpha + beta);
			const lp = observed >= expected ? 0 : betaBinomialLogCdf(observed, spans, alpha, beta);
			consider({
				kind: 'broken-invariant',
				context,
				step,
				observed,
				spans,
				refObserved: k,
				refSpans,
				expected,
				log10p: lp / Math.LN10
			});
		}
		// New steps are tested in plain contexts only: the same new step would show in every
		// conditional context of the span again.
		if (refSpans < settings.minContext || context.includes(WHEN)) continue;
		// How often this context did something new in the reference itself (Good–Turing: the
		// steps taken by exactly one span): a context that routes requests to many places keeps
		// showing new steps, a context that does the same work every time does not.
		let once = 0;
		for (const k of refTook.values()) if (k === 1) once++;
		once = Math.min(once, refSpans);
		for (const [step, observed] of incTook) {
			if (refTook.has(step)) continue;
			const alpha = once + 0.5;
			const beta = refSpans - once + 0.5;
			const expected = (spans * alpha) / (alpha + beta);
			const lp = observed <= expected ? 0 : betaBinomialLogSf(observed, spans, alpha, beta);
			consider({
				kind: 'new-step',
				context,
				step,
				observed,
				spans,
				refObserved: 0,
				refSpans,
				expected,
				log10p: lp / Math.LN10
			});
		}
	}
	if (!best) return undefined;
	const log10p = Math.min(0, best.log10p + Math.log10(tests));
	return { ...best, tests, log10p, z: zFromLogP(log10p * Math.LN10) };
}
