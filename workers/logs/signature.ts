/**
 * Incident signatures for "similar past incidents": the burst-weighted mean of the embeddings of
 * the templates that burst during the incident, plus the metrics that left their baseline and the
 * kinds of events. Two signatures are compared part by part, and the shared parts are the reasons.
 */
import type { IncidentEvent, Series, TimeRange } from '../bundle/types';
import type { SimilarIncident, TemplateRow } from '../shared/outputs-logs';

/** A template counts as bursting from this factor on (and with at least MIN_BURST_LINES lines). */
export const DEFAULT_MIN_BURST = 3;
const MIN_BURST_LINES = 3;
/** Bursting templates kept per signature (strongest first). */
const MAX_BURSTING = 20;
/** Robust z from which a metric counts as anomalous. */
const ANOMALY_Z = 3;
/** Cosine from which two bursting templates count as the same symptom. */
export const SHARED_TEMPLATE_COSINE = 0.8;
/** Weights of the parts of the similarity. */
const WEIGHTS = { templates: 0.6, metrics: 0.25, events: 0.15 };

/** One bursting template with its vector. */
export interface BurstingTemplate {
	template: string;
	burst: number;
	/** Unit vector of the template (the index's embedder). */
	vector: Float32Array;
}

/** What an incident is compared by. */
export interface IncidentSignature {
	incidentId: string;
	title: string;
	bursting: BurstingTemplate[];
	/** Unit-length burst-weighted mean of the bursting vectors; undefined when none burst. */
	vector?: Float32Array;
	/** Anomalous metrics as 'metric ↑' / 'metric ↓' (service-free, so incidents of other fleets match). */
	metrics: string[];
	/** Event kinds during the incident window, plus 'kind: service' when a service is named. */
	events: string[];
}

const dot = (a: Float32Array, b: Float32Array): number => {
	let s = 0;
	for (let i = 0; i < a.length; i++) s += a[i] * b[i];
	return s;
};

/** Bursting templates (strongest first) from template rows and a lookup of their vectors. */
export function burstingTemplates(
	rows: TemplateRow[],
	vectorOf: (templateId: string) => Float32Array | undefined,
	minBurst = DEFAULT_MIN_BURST
): BurstingTemplate[] {
	return rows
		.filter((r) => r.burst >= minBurst && r.incidentCount >= MIN_BURST_LINES)
		.sort((a, b) => b.burst - a.burst)
		.slice(0, MAX_BURSTING)
		.flatMap((r) => {
			const vector = vectorOf(r.id);
			return vector ? [{ template: r.template, burst: r.burst, vector }] : [];
		});
}

/** Burst-weighted (log burst) mean of the bursting vectors, normalised; undefined when empty. */
export function meanVector(bursting: BurstingTemplate[]): Float32Array | undefined {
	if (!bursting.length) return undefined;
	const out = new Float32Array(bursting[0].vector.length);
	for (const b of bursting) {
		const w = Math.log(b.burst);
		for (let i = 0; i < out.length; i++) out[i] += w * b.vector[i];
	}
	const norm = Math.sqrt(dot(out, out));
	if (norm === 0) return undefined;
	for (let i = 0; i < out.length; i++) out[i] /= norm;
	return out;
}

function median(v: number[]): number {
	const s = v.filter(Number.isFinite).sort((a, b) => a - b);
	if (!s.length) return NaN;
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function valuesIn(s: Series, r: TimeRange): number[] {
	const out: number[] = [];
	for (let i = 0; i < s.t.length; i++) if (s.t[i] >= r.start && s.t[i] <= r.end) out.push(s.v[i]);
	return out;
}

/** Metrics whose incident median is >= ANOMALY_Z robust deviations from the baseline median. */
export function anomalousMetrics(
	series: Series[],
	baseline: TimeRange,
	incident: TimeRange
): string[] {
	const out = new Set<string>();
	for (const s of series) {
		const b = valuesIn(s, baseline);
		const med = median(b);
		const mad = median(b.map((x) => Math.abs(x - med)));
		const inc = median(valuesIn(s, incident));
		if (!Number.isFinite(med) || !Number.isFinite(inc)) continue;
		// A flat baseline has MAD 0: fall back to a small share of its level so any real move counts.
		const scale = 1.4826 * mad || Math.abs(med) * 0.01 || 1e-9;
		const z = (inc - med) / scale;
		if (Math.abs(z) >= ANOMALY_Z) out.add(`${s.metric} ${z > 0 ? '↑' : '↓'}`);
	}
	return [...out].sort();
}

/** Event tokens inside a window. */
export function eventTokens(events: IncidentEvent[], window: TimeRange): string[] {
	const out = new Set<string>();
	for (const e of events) {
		if (e.t < window.start || e.t > window.end) continue;
		out.add(e.kind);
		if (e.service) out.add(`${e.kind}: ${e.service}`);
	}
	return [...out].sort();
}

function jaccard(a: string[], b: string[]): { score: number; shared: string[] } {
	const sb = new Set(b);
	const shared = a.filter((x) => sb.has(x));
	const union = new Set([...a, ...b]).size;
	return { score: union ? shared.length / union : 0, shared };
}

/** Similarity of `other` to `ours`, with the shared parts as reasons. */
export function compareSignatures(
	ours: IncidentSignature,
	other: IncidentSignature
): SimilarIncident {
	const templates = ours.vector && other.vector ? Math.max(0, dot(ours.vector, other.vector)) : 0;
	const metrics = jaccard(ours.metrics, other.metrics);
	const events = jaccard(ours.events, other.events);
	const sharedTemplates: SimilarIncident['sharedTemplates'] = [];
	for (const a of ours.bursting) {
		let best: { theirs: string; cosine: number } | undefined;
		for (const b of other.bursting) {
			const c = dot(a.vector, b.vector);
			if (c >= SHARED_TEMPLATE_COSINE && (!best || c > best.cosine))
				best = { theirs: b.template, cosine: c };
		}
		if (best) sharedTemplates.push({ ours: a.template, ...best });
	}
	sharedTemplates.sort((a, b) => b.cosine - a.cosine);
	const score =
		WEIGHTS.templates * templates + WEIGHTS.metrics * metrics.score + WEIGHTS.events * events.score;
	return {
		incidentId: other.incidentId,
		title: other.title,
		score,
		parts: { templates, metrics: metrics.score, events: events.score },
		sharedTemplates: sharedTemplates.slice(0, 5),
		sharedSymptoms: metrics.shared,
		sharedEvents: events.shared,
		reason: reasonText(sharedTemplates.length, metrics.shared, events.shared)
	};
}

function reasonText(templates: number, symptoms: string[], events: string[]): string {
	const parts: string[] = [];
	if (templates)
		parts.push(`${templates} bursting log template${templates > 1 ? 's' : ''} in common`);
	if (symptoms.length) parts.push(`shared symptoms: ${symptoms.join(', ')}`);
	if (events.length) parts.push(`shared events: ${events.join(', ')}`);
	return parts.length ? parts.join('; ') : 'nothing specific in common';
}
