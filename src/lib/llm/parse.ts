/**
 * Parses the model's answer: an explanation plus a fenced JSON block {root_cause, confidence,
 * commands}. Models break the format (no fence, trailing commas, prose confidence, commands in a
 * bash block), so each field has fallbacks and every fallback taken is reported as a warning.
 */
import type { ParsedDiagnosis } from '$workers/shared/outputs-llm';
import { labelCommand } from './risk';

type Loose = {
	root_cause?: unknown;
	rootCause?: unknown;
	confidence?: unknown;
	commands?: unknown;
};

/** The last balanced {...} in `text` that contains "root" (the structured block), with its span. */
function lastObject(text: string): { json: string; start: number; end: number } | undefined {
	for (let end = text.lastIndexOf('}'); end >= 0; end = text.lastIndexOf('}', end - 1)) {
		let depth = 0;
		for (let i = end; i >= 0; i--) {
			if (text[i] === '}') depth++;
			else if (text[i] === '{' && --depth === 0) {
				const json = text.slice(i, end + 1);
				if (/root/i.test(json)) return { json, start: i, end: end + 1 };
				break;
			}
		}
	}
	return undefined;
}

function tryJson(s: string): Loose | undefined {
	for (const candidate of [s, s.replace(/,\s*([}\]])/g, '$1').replace(/[“”]/g, '"')]) {
		try {
			const v = JSON.parse(candidate) as unknown;
			if (v && typeof v === 'object') return v as Loose;
		} catch {
			// try the repaired form next
		}
	}
	return undefined;
}

/** 0..1 from 0.8, "80%", "0.8/1", "high". */
export function parseConfidence(x: unknown): number | undefined {
	if (typeof x === 'number' && Number.isFinite(x)) return clamp(x > 1 && x <= 100 ? x / 100 : x);
	if (typeof x !== 'string') return undefined;
	const m = /(\d+(?:\.\d+)?)\s*(%)?/.exec(x);
	if (m) return parseConfidence(m[2] ? Number(m[1]) / 100 : Number(m[1]));
	// Longer phrases first: 'very low' must not be read as 'low'.
	const words: Record<string, number> = {
		'very high': 0.9,
		'very low': 0.1,
		high: 0.8,
		medium: 0.5,
		moderate: 0.5,
		low: 0.25
	};
	const key = Object.keys(words).find((w) => x.toLowerCase().includes(w));
	return key ? words[key] : undefined;
}

const clamp = (x: number) => Math.max(0, Math.min(1, x));

/** Commands from ```bash/sh/shell blocks and `$ ` lines, when the JSON block has none. */
function looseCommands(text: string): string[] {
	const out: string[] = [];
	for (const m of text.matchAll(/```(?:bash|sh|shell|console)\s*\n([\s\S]*?)```/gi)) {
		for (const line of m[1].split('\n')) {
			const l = line.replace(/^\s*\$\s*/, '').trim();
			if (l && !l.startsWith('#')) out.push(l);
		}
	}
	if (!out.length) for (const m of text.matchAll(/^\s*\$\s+(.+)$/gm)) out.push(m[1].trim());
	return out;
}

function lineField(text: string, name: RegExp): string | undefined {
	const m = new RegExp(`^[\\s*#>-]*${name.source}[*\\s]*[:=]\\s*(.+)$`, 'im').exec(text);
	return m?.[1].replace(/\*+/g, '').trim();
}

/** Parses a complete answer. Never throws: a hopeless answer yields its text and warnings. */
export function parseAnswer(text: string): ParsedDiagnosis {
	const warnings: string[] = [];
	const fenced = /```(?:json)?\s*\n?(\{[\s\S]*?\})\s*```/i.exec(text);
	const found = fenced
		? { json: fenced[1], start: fenced.index, end: fenced.index + fenced[0].length }
		: lastObject(text);
	let data: Loose | undefined;
	if (found) {
		data = tryJson(found.json);
		if (!data) warnings.push('the structured block is not valid JSON');
		else if (!fenced) warnings.push('the structured block was not fenced');
	} else warnings.push('no structured block in the answer');
	const explanation = (
		found && data ? text.slice(0, found.start) + text.slice(found.end) : text
	).trim();

	let rootCause =
		typeof (data?.root_cause ?? data?.rootCause) === 'string'
			? String(data?.root_cause ?? data?.rootCause).trim()
			: '';
	if (!rootCause) {
		rootCause = lineField(text, /root[\s_-]?cause/) ?? '';
		if (data) warnings.push('root_cause missing from the structured block');
	}
	let confidence = parseConfidence(data?.confidence);
	if (confidence === undefined) {
		confidence = parseConfidence(lineField(text, /confidence/)) ?? 0;
		warnings.push('confidence missing or unreadable');
	}
	let commands = Array.isArray(data?.commands)
		? data.commands.filter((c): c is string => typeof c === 'string' && !!c.trim())
		: [];
	if (!commands.length) commands = looseCommands(text);
	return {
		explanation,
		rootCause,
		confidence,
		commands: [...new Set(commands)].slice(0, 12).map(labelCommand),
		warnings
	};
}
