/**
 * Diagnosis cell: gathers the evidence wired into it (a data cell, and optionally statistics,
 * root-cause candidates, the anomaly detector's alerts, a forecast, log templates and similar
 * incidents), builds the redacted, budgeted prompt and the deterministic offline explanation.
 * Sending to the model happens in the output view, after the engineer has seen exactly what will
 * be sent (or never, in 'never' mode).
 */
import { z } from 'zod';
import { gatherEvidence } from '$lib/llm/evidence';
import { offlineDiagnosis } from '$lib/llm/offline';
import { buildPrompt, DEFAULT_MAX_TOKENS } from '$lib/llm/prompt';
import { DEFAULT_RULES } from '$lib/llm/redact';
import { clock } from '$lib/llm/clock';
import { describeAnchor, noteTime } from '../notes';
import { dataInput } from './chart';
import type { CellKind, SlotSpec } from './kind';

const schema = z.object({
	send: z.enum(['ask', 'auto', 'never']).default('ask'),
	maxTokens: z.number().int().min(200).max(32_000).default(DEFAULT_MAX_TOKENS),
	/** Extra redaction patterns (JavaScript regex sources), one rule each. */
	redactPatterns: z.array(z.string().min(1)).default(() => []),
	/** Turn the default redaction rules off (extra patterns still apply). */
	noDefaultRedaction: z.boolean().default(false)
});

export type DiagnosisParams = z.infer<typeof schema>;

/** The optional inputs: each accepts the output type its reader (llm/evidence.ts) reads. */
const OPTIONAL_SLOTS: SlotSpec[] = [
	{ slot: 'stats', accepts: ['table'], required: false, label: 'Statistics' },
	{
		slot: 'candidates',
		accepts: ['table', 'root-cause'],
		required: false,
		label: 'Root-cause candidates'
	},
	{ slot: 'anomalies', accepts: ['anomalies'], required: false, label: 'Anomalies' },
	{ slot: 'forecast', accepts: ['table', 'forecast'], required: false, label: 'Forecast' },
	{ slot: 'templates', accepts: ['table', 'templates'], required: false, label: 'Log templates' },
	{
		slot: 'similar',
		accepts: ['table', 'similar-incidents'],
		required: false,
		label: 'Similar incidents'
	}
];

export const diagnosisKind: CellKind<DiagnosisParams> = {
	kind: 'diagnosis',
	label: 'Diagnosis',
	description:
		'Explain the incident: a language model through the proxy, or offline from the evidence.',
	schema,
	inputs: [{ slot: 'data', accepts: ['data'], required: true, label: 'Data' }, ...OPTIONAL_SLOTS],
	fields: [
		{
			key: 'send',
			label: 'Send to the model',
			type: 'select',
			options: ['ask', 'auto', 'never'],
			help: 'never = send nothing, offline explanation only'
		},
		{ key: 'maxTokens', label: 'Prompt token budget', type: 'number' },
		{ key: 'noDefaultRedaction', label: 'Disable default redaction', type: 'boolean' }
	],
	hasSource: false,
	readsIncident: false,
	time: 'cursor',
	readsNotes: true,
	output: 'diagnosis',
	async run(ctx) {
		const data = dataInput(ctx.inputs);
		const { manifest } = await ctx.compute.data.incident(ctx.incidentId);
		ctx.signal.throwIfCancelled();
		const { params, inputs } = ctx;
		const evidence = gatherEvidence(
			{
				incidentId: ctx.incidentId,
				title: manifest.title,
				timezone: manifest.timezone,
				// A declared onset after the replay cursor is hindsight.
				onset:
					ctx.asOf !== undefined && manifest.onset !== undefined && manifest.onset > ctx.asOf
						? undefined
						: manifest.onset,
				baseline: manifest.baseline,
				asOf: ctx.asOf
			},
			data,
			{
				stats: inputs.stats,
				candidates: inputs.candidates,
				anomalies: inputs.anomalies,
				forecast: inputs.forecast,
				templates: inputs.templates,
				similar: inputs.similar
			},
			(ctx.notes ?? []).map((n) => ({
				about: describeAnchor(n.on, clock),
				t: noteTime(n.on),
				tags: n.tags,
				author: n.author,
				text: n.text
			}))
		);
		const rules = [
			...(params.noDefaultRedaction ? [] : DEFAULT_RULES),
			...params.redactPatterns.map((pattern, i) => ({ name: `custom${i + 1}`, pattern }))
		];
		const prompt = buildPrompt(evidence, { maxTokens: params.maxTokens, rules });
		const present = [
			'anomaly',
			'events',
			'logs',
			'stats',
			'candidates',
			'alerts',
			'forecast',
			'templates',
			'similar',
			'notes'
		] as const;
		return {
			type: 'diagnosis',
			incidentId: ctx.incidentId,
			send: params.send,
			prompt,
			offline: offlineDiagnosis(evidence),
			evidence: present.filter((k) =>
				k === 'anomaly' ? evidence.shifts.length > 0 : evidence[k].length > 0
			)
		};
	}
};
