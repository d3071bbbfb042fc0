/**
 * The CLI side of a capture plan: the step option, queries the option parser split at commas, and
 * credentials from environment variables (never on the command line, so never in shell history
 * or `ps`). The capture itself is workers/capture, shared with the browser.
 */
import { basicAuth } from '$workers/capture/http';
import { readStep, STEP_EXPECTED } from '$workers/capture/plan';
import { invalidOption } from '../options';

/** `--step`: "auto", seconds, or a duration such as 30s, 5m, 1h. Returns seconds. */
export function parseStep(raw: string, from: number, to: number): number {
	const step = readStep(raw, from, to);
	if (step === undefined) throw invalidOption('step', STEP_EXPECTED, raw);
	return step;
}

/** Authorization from `<PREFIX>_TOKEN` (bearer) or `<PREFIX>_USER` + `<PREFIX>_PASSWORD` (basic). */
export function authFromEnv(prefix: string, env: NodeJS.ProcessEnv): string | undefined {
	const token = env[`${prefix}_TOKEN`];
	if (token) return `Bearer ${token}`;
	const user = env[`${prefix}_USER`];
	if (user) return basicAuth(user, env[`${prefix}_PASSWORD`] ?? '');
	return undefined;
}

/**
 * The option parser splits list values at commas, but PromQL and LogQL use commas inside
 * (), {}, [] and strings only: items are glued back until brackets and quotes balance.
 */
export function rejoinQueries(items: string[]): string[] {
	const out: string[] = [];
	let cur: string | undefined;
	for (const item of items) {
		cur = cur === undefined ? item : `${cur}, ${item}`;
		if (balanced(cur)) {
			out.push(cur);
			cur = undefined;
		}
	}
	if (cur !== undefined) out.push(cur);
	return out;
}

function balanced(q: string): boolean {
	let depth = 0;
	let quote: string | undefined;
	for (let i = 0; i < q.length; i++) {
		const c = q[i];
		if (quote) {
			if (c === '\\') i++;
			else if (c === quote) quote = undefined;
		} else if (c === '"' || c === "'" || c === '`') quote = c;
		else if (c === '(' || c === '{' || c === '[') depth++;
		else if (c === ')' || c === '}' || c === ']') depth--;
	}
	return depth <= 0 && quote === undefined;
}
