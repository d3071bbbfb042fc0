/**
 * The capture form as the panel holds it, and the one check that turns it into a worker request
 * (or says what is wrong, field by field). Pure, so it is unit-tested without a browser. The
 * credentials typed here live only in memory: nothing in this module stores or logs them.
 */
import type { CaptureRequest, HttpOptions, ServerPlan } from '$workers/capture/api';
import { basicAuth } from '$workers/capture/http';
import { readStep, STEP_EXPECTED } from '$workers/capture/plan';

/** How a server wants to be authorised. */
export type AuthKind = 'none' | 'bearer' | 'basic';

/** One server's credentials, as typed (never saved). */
export interface AuthInput {
	kind: AuthKind;
	token: string;
	user: string;
	password: string;
}

/** Everything the panel's fields hold. */
export interface CaptureForm {
	/** The incident's title in the library (empty: proposed from the window). */
	title: string;
	prometheusUrl: string;
	/** PromQL, one query per line. */
	promql: string;
	lokiUrl: string;
	/** LogQL, one query per line. */
	logql: string;
	/** `<input type=datetime-local>` values (the browser's time zone). */
	from: string;
	to: string;
	/** "auto" or a duration such as 30s, 5m. */
	step: string;
	maxSeries: number;
	maxLines: number;
	prometheusAuth: AuthInput;
	lokiAuth: AuthInput;
}

/** Same HTTP behaviour as `aitia capture`'s defaults. */
const HTTP: Omit<HttpOptions, 'authorization' | 'context'> = {
	timeoutMs: 30_000,
	retries: 3,
	backoffMs: 250
};

/** Loki pages of 1000 lines: well under Loki's default max_entries_limit_per_query (5000). */
export const PAGE_LINES = 1000;

const noAuth = (): AuthInput => ({ kind: 'none', token: '', user: '', password: '' });

/** `datetime-local` value of epoch ms in the browser's zone (what the input shows). */
export function localInput(ms: number): string {
	const d = new Date(ms);
	const p = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A new form: the last hour, auto step, no servers yet. */
export function defaultForm(now = Date.now()): CaptureForm {
	const minute = Math.floor(now / 60_000) * 60_000;
	return {
		title: '',
		prometheusUrl: '',
		promql: '',
		lokiUrl: '',
		logql: '',
		from: localInput(minute - 3_600_000),
		to: localInput(minute),
		step: 'auto',
		maxSeries: 500,
		maxLines: 5000,
		prometheusAuth: noAuth(),
		lokiAuth: noAuth()
	};
}

const lines = (text: string) =>
	text
		.split('\n')
		.map((l) => l.trim())
		.filter((l) => l !== '' && !l.startsWith('#'));

function authorization(a: AuthInput): string | undefined {
	if (a.kind === 'bearer' && a.token.trim()) return `Bearer ${a.token.trim()}`;
	if (a.kind === 'basic' && a.user) return basicAuth(a.user, a.password);
	return undefined;
}

function serverUrl(raw: string, name: string, errors: string[]): string | undefined {
	try {
		const url = new URL(raw.trim());
		if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
	} catch {
		// reported below
	}
	errors.push(`${name} URL must be an http(s) URL such as http://localhost:9090, got "${raw}"`);
	return undefined;
}

/** The worker request, or every problem of the form. */
export function buildRequest(
	f: CaptureForm
): { ok: true; req: CaptureRequest } | { ok: false; errors: string[] } {
	const errors: string[] = [];
	const from = new Date(f.from).getTime();
	const to = new Date(f.to).getTime();
	if (!Number.isFinite(from) || !Number.isFinite(to)) errors.push('From and To must be times');
	else if (!(from < to)) errors.push('From must be before To');
	const step = Number.isFinite(from) && from < to ? readStep(f.step, from, to) : 60;
	if (step === undefined) errors.push(`Step must be ${STEP_EXPECTED}, got "${f.step}"`);
	const plans: ServerPlan[] = [];
	const add = (source: ServerPlan['source'], raw: string, text: string, auth: AuthInput) => {
		const queries = lines(text);
		if (queries.length === 0) return;
		const name = source === 'prometheus' ? 'Prometheus' : 'Loki';
		const base = serverUrl(raw, name, errors);
		const http = { ...HTTP, authorization: authorization(auth), context: 'browser' as const };
		if (base) plans.push({ source, base, queries, http });
	};
	add('prometheus', f.prometheusUrl, f.promql, f.prometheusAuth);
	add('loki', f.lokiUrl, f.logql, f.lokiAuth);
	if (plans.length === 0 && errors.length === 0)
		errors.push('Give at least one PromQL or LogQL query');
	if (!(f.maxSeries >= 1) || !(f.maxLines >= 1)) errors.push('Limits must be at least 1');
	if (errors.length > 0 || step === undefined) return { ok: false, errors };
	const limits = {
		from,
		to,
		step,
		maxSeries: f.maxSeries,
		maxLines: f.maxLines,
		pageLines: Math.min(PAGE_LINES, f.maxLines)
	};
	const title = f.title.trim();
	return { ok: true, req: { plans, limits, ...(title ? { title } : {}) } };
}
