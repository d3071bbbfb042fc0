/**
 * How a labelled series (Prometheus, Loki, OTLP, Grafana legends) becomes a bundle
 * `<service>.<metric>`. One documented rule for every source so the same series gets the same key
 * whichever export it came from; a file may override it (see docs/data-sources.md).
 */

/** Labels naming the service, in priority order (the first one present wins). */
export const DEFAULT_SERVICE_LABELS: readonly string[] = ['job', 'service', 'container', 'pod'];

/** The naming rule of one query or file. */
export interface NamingRule {
	/** Labels tried in order for the service. */
	serviceLabels: readonly string[];
	/** Service template such as "{app}-{env}" (labels in braces); overrides serviceLabels. */
	service?: string;
	/** Metric template such as "p95_ms" or "{__name__}_{code}"; default: name + remaining labels. */
	metric?: string;
}

export const DEFAULT_RULE: NamingRule = { serviceLabels: DEFAULT_SERVICE_LABELS };

/** Labels referenced by a template ("{a}-{b}" → a, b). */
function templateLabels(template: string): string[] {
	return [...template.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]);
}

function fill(template: string, labels: Record<string, string>): string {
	return template.replace(/\{([^{}]+)\}/g, (_, k: string) => labels[k] ?? '');
}

/** `name{a="1",b="2"}` with label keys sorted, so the key never depends on label order. */
export function formatMetric(name: string, labels: Record<string, string>, skip: Set<string>) {
	const keys = Object.keys(labels)
		.filter((k) => !skip.has(k) && k !== '__name__')
		.sort();
	if (keys.length === 0) return name;
	return `${name}{${keys.map((k) => `${k}=${JSON.stringify(labels[k])}`).join(',')}}`;
}

/**
 * Labels → service and metric. Service: the template, else the first service label present,
 * else `fallback`. Metric: the template, else `__name__` (or `fallbackMetric`) followed by every
 * label not used for the service, sorted.
 */
export function nameSeries(
	labels: Record<string, string>,
	rule: NamingRule,
	fallback: string,
	fallbackMetric = 'value'
): { service: string; metric: string } {
	const used = new Set<string>();
	let service: string | undefined;
	if (rule.service !== undefined) {
		service = fill(rule.service, labels);
		for (const k of templateLabels(rule.service)) used.add(k);
	} else {
		const key = rule.serviceLabels.find((k) => (labels[k] ?? '') !== '');
		if (key !== undefined) {
			service = labels[key];
			used.add(key);
		}
	}
	if (service === undefined || service === '') service = fallback;
	const metric =
		rule.metric !== undefined
			? fill(rule.metric, labels)
			: formatMetric(labels.__name__ || fallbackMetric, labels, used);
	return { service, metric: metric === '' ? fallbackMetric : metric };
}

/**
 * Parses a Prometheus-style series name as Grafana writes legends: `up{job="api", le="0.5"}`,
 * `{job="api"}`. Returns undefined for free text ("api p95").
 */
export function parseSeriesName(s: string): Record<string, string> | undefined {
	const m = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)?\s*\{(.*)\}\s*$/s.exec(s);
	if (!m) return undefined;
	const labels: Record<string, string> = {};
	if (m[1]) labels.__name__ = m[1];
	const body = m[2];
	const re = /\s*([a-zA-Z_][a-zA-Z0-9_.]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(,|$)/gy;
	let pos = 0;
	while (pos < body.length) {
		re.lastIndex = pos;
		const kv = re.exec(body);
		if (!kv) return body.slice(pos).trim() === '' ? labels : undefined;
		labels[kv[1]] = kv[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
		pos = re.lastIndex;
	}
	return labels;
}

/** A naming rule from a file's `naming` object ({serviceLabels?, service?, metric?}). */
export function ruleFrom(value: unknown, base: NamingRule = DEFAULT_RULE): NamingRule {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return base;
	const v = value as Record<string, unknown>;
	const rule: NamingRule = { ...base };
	if (Array.isArray(v.serviceLabels) && v.serviceLabels.every((x) => typeof x === 'string')) {
		rule.serviceLabels = v.serviceLabels as string[];
	}
	if (typeof v.service === 'string' && v.service !== '') rule.service = v.service;
	if (typeof v.metric === 'string' && v.metric !== '') rule.metric = v.metric;
	return rule;
}
