/**
 * Command-line options: argv pre-processing, parsing (node:util parseArgs, strict) and validation
 * against a command's typed specs (commands/command.ts). Every bad value is a UsageError whose
 * message names the option, what it expects and what it got, so batch logs say what to fix.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closestNames } from '$workers/shared/closest';
import type { NumberOption, OptionSpec, OptionSpecs, OptionValues } from './commands/command';
import { UsageError } from './io';

/** A token that is a negative number, not an option: -1, -0.5, -.5, -1e3. */
const NEGATIVE_NUMBER = /^-\d|^-\.\d/;

type RawValue = string | boolean | (string | boolean)[] | undefined;

/** `--name must be <expected>, got "<raw>"` as a UsageError. */
export function invalidOption(name: string, expected: string, raw: string): UsageError {
	return new UsageError(`--${name} must be ${expected}, got "${raw}"`);
}

/** Case-insensitive " did you mean …?" tail for an error message, or '' without candidates. */
export function didYouMean(name: string, candidates: string[], prefix = ''): string {
	const near = closestNames(name, candidates);
	return near.length ? `; did you mean ${near.map((n) => prefix + n).join(', ')}?` : '';
}

/**
 * parseArgs refuses `--depth -1` (it reads "-1" as another option), so a negative number that
 * follows an option taking a value is glued to it as `--depth=-1`. Short aliases become the long
 * name for the same reason. Nothing after `--` is touched: those are positionals.
 */
export function joinNegativeValues(specs: OptionSpecs, argv: string[]): string[] {
	const takesValue = (name: string | undefined) =>
		name !== undefined && Object.hasOwn(specs, name) && specs[name].type !== 'boolean';
	const byShort = new Map(
		Object.entries(specs).flatMap(([name, s]) => (s.short ? [[s.short, name] as const] : []))
	);
	const out: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const token = argv[i];
		if (token === '--') {
			out.push(...argv.slice(i));
			break;
		}
		const name = token.startsWith('--')
			? token.slice(2)
			: /^-[^-]$/.test(token)
				? byShort.get(token[1])
				: undefined;
		const next = argv[i + 1];
		if (takesValue(name) && next !== undefined && NEGATIVE_NUMBER.test(next)) {
			out.push(`--${name}=${next}`);
			i++;
		} else out.push(token);
	}
	return out;
}

/** Long options that are not declared, caught before parseArgs to suggest the right name. */
function checkUnknownOptions(specs: OptionSpecs, argv: string[]): void {
	const known = [...Object.keys(specs), 'help'];
	for (const token of argv) {
		if (token === '--') return;
		if (!token.startsWith('--')) continue;
		const name = token.slice(2).split('=')[0];
		if (!known.includes(name)) {
			throw new UsageError(`unknown option --${name}${didYouMean(name, known, '--')}`);
		}
	}
}

/** "a number", "an integer ≥ 1", "a number between 0 and 1 (exclusive)", … */
export function describeNumber(spec: NumberOption): string {
	const kind = spec.integer ? 'an integer' : 'a number';
	const { min, max } = spec;
	if (min !== undefined && max !== undefined) {
		return `${kind} between ${min} and ${max}${spec.exclusive ? ' (exclusive)' : ''}`;
	}
	if (min !== undefined) return `${kind} ${spec.exclusive ? '>' : '≥'} ${min}`;
	if (max !== undefined) return `${kind} ${spec.exclusive ? '<' : '≤'} ${max}`;
	return kind;
}

function toNumber(name: string, spec: NumberOption, raw: string): number {
	// Number('') is 0 and Number(' ') too: an empty value is a mistake, not zero.
	const x = raw.trim() === '' ? NaN : Number(raw);
	const low = spec.min === undefined || (spec.exclusive ? x > spec.min : x >= spec.min);
	const high = spec.max === undefined || (spec.exclusive ? x < spec.max : x <= spec.max);
	const whole = !spec.integer || Number.isInteger(x);
	if (!Number.isFinite(x) || !low || !high || !whole) {
		throw invalidOption(name, describeNumber(spec), raw);
	}
	return x;
}

/** 'a, b or c' */
function orList(words: readonly string[]): string {
	return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

function listItems(raw: string[]): string[] {
	return raw
		.flatMap((r) => r.split(','))
		.map((s) => s.trim())
		.filter(Boolean);
}

/** One option's raw parseArgs value to its typed value; undefined when absent (no default). */
export function optionValue(name: string, spec: OptionSpec, raw: RawValue): unknown {
	if (spec.type === 'boolean') return raw === true;
	// A copy, so that a command changing its list cannot change the spec's default.
	if (raw === undefined) return Array.isArray(spec.default) ? [...spec.default] : spec.default;
	const texts = (Array.isArray(raw) ? raw : [raw]).map(String);
	const last = texts[texts.length - 1];
	switch (spec.type) {
		case 'string':
			return last;
		case 'number':
			return toNumber(name, spec, last);
		case 'enum':
			if (!spec.values.includes(last)) {
				throw invalidOption(name, orList(spec.values), last);
			}
			return last;
		case 'list': {
			const items = listItems(texts);
			if (spec.of === 'string') return items;
			const numbers = items.map(Number);
			if (!numbers.every(Number.isFinite)) {
				throw invalidOption(name, 'a comma-separated list of numbers', texts.join(','));
			}
			return numbers;
		}
	}
}

function parseArgsOptions(specs: OptionSpecs): NonNullable<ParseArgsConfig['options']> {
	const options: NonNullable<ParseArgsConfig['options']> = {
		help: { type: 'boolean', short: 'h' }
	};
	for (const [name, spec] of Object.entries(specs)) {
		options[name] = {
			type: spec.type === 'boolean' ? 'boolean' : 'string',
			multiple: spec.type === 'list',
			...(spec.short ? { short: spec.short } : {})
		};
	}
	return options;
}

export interface CommandLine<O extends OptionSpecs> {
	positionals: string[];
	values: OptionValues<O>;
	/** -h / --help was given: print usage, validate nothing. */
	help: boolean;
}

/** Parses and validates argv against the specs; throws UsageError on anything wrong. */
export function parseCommandLine<O extends OptionSpecs>(specs: O, argv: string[]): CommandLine<O> {
	checkUnknownOptions(specs, argv);
	let parsed;
	try {
		parsed = parseArgs({
			args: joinNegativeValues(specs, argv),
			options: parseArgsOptions(specs),
			allowPositionals: true,
			strict: true
		});
	} catch (err) {
		throw new UsageError((err as Error).message);
	}
	const help = parsed.values.help === true;
	const values: Record<string, unknown> = {};
	if (!help) {
		for (const [name, spec] of Object.entries(specs)) {
			values[name] = optionValue(name, spec, parsed.values[name]);
		}
	}
	// Each value was produced from its own spec just above, which is what OptionValues<O> encodes.
	return { positionals: parsed.positionals, values: values as OptionValues<O>, help };
}

/** The "Options:" block of `aitia <command> --help`. */
export function optionsHelp(specs: OptionSpecs): string[] {
	const rows = Object.entries(specs).map(([name, spec]) => {
		const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}`;
		return [flag, describeSpec(spec)] as const;
	});
	rows.push(['-h, --help', 'show this help']);
	const width = Math.max(...rows.map(([flag]) => flag.length));
	return rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`.trimEnd());
}

function describeSpec(spec: OptionSpec): string {
	const text =
		spec.help ??
		(spec.type === 'number'
			? describeNumber(spec)
			: spec.type === 'enum'
				? spec.values.join(' | ')
				: spec.type === 'list'
					? `comma-separated ${spec.of === 'number' ? 'numbers' : 'names'}`
					: spec.type === 'boolean'
						? ''
						: 'text');
	const fallback =
		spec.type !== 'boolean' && spec.default !== undefined ? `default ${String(spec.default)}` : '';
	return [text, fallback].filter(Boolean).join(', ');
}
