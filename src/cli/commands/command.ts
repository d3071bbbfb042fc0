/**
 * The shape of a CLI command; commands are listed once, in main.ts. Options are declared as typed
 * specs so that one parser (../options.ts) validates every value the same way, with the same
 * message, before a command runs: commands receive numbers as numbers and never see "abc".
 */
import type { Io } from '../io';

interface OptionBase {
	/** One-letter alias, e.g. 'b' for -b. */
	short?: string;
	/**
	 * What --help says the option is, in place of what its type says ("text" for free text, the
	 * words of an enum, the range of a number, nothing for a flag); a default is added after it.
	 */
	help?: string;
}

/** Free text. */
export interface StringOption extends OptionBase {
	type: 'string';
	default?: string;
}

/** A flag; its value is false when absent. */
export interface BooleanOption extends OptionBase {
	type: 'boolean';
}

/** A finite number (negative values are fine: `--depth -1`). Bounds are inclusive. */
export interface NumberOption extends OptionBase {
	type: 'number';
	min?: number;
	max?: number;
	/** Makes both bounds exclusive, e.g. alpha in (0, 1). */
	exclusive?: boolean;
	/** Only whole numbers. */
	integer?: boolean;
	default?: number;
}

/** One of a fixed set of words. */
export interface EnumOption extends OptionBase {
	type: 'enum';
	values: readonly string[];
	default?: string;
}

/** Comma-separated values (the option may also be repeated); empty items are dropped. */
export interface ListOption extends OptionBase {
	type: 'list';
	of: 'number' | 'string';
	default?: readonly string[] | readonly number[];
}

export type OptionSpec = StringOption | BooleanOption | NumberOption | EnumOption | ListOption;
export type OptionSpecs = Record<string, OptionSpec>;

/** The parsed value of one spec (before defaults are taken into account). */
export type OptionValue<S extends OptionSpec> = S extends BooleanOption
	? boolean
	: S extends NumberOption
		? number
		: S extends { type: 'enum'; values: readonly (infer V)[] }
			? V
			: S extends { type: 'list'; of: 'number' }
				? number[]
				: S extends ListOption
					? string[]
					: string;

/** Parsed values: flags are always boolean; others are undefined unless given or defaulted. */
export type OptionValues<O extends OptionSpecs> = {
	[K in keyof O]: O[K] extends BooleanOption
		? boolean
		: O[K] extends { default: unknown }
			? OptionValue<O[K]>
			: OptionValue<O[K]> | undefined;
};

export interface ParsedArgs<O extends OptionSpecs = OptionSpecs> {
	positionals: string[];
	values: OptionValues<O>;
}

export interface Command<O extends OptionSpecs = OptionSpecs> {
	name: string;
	/** Arguments after `aitia`, e.g. 'run <notebook.nb.json> --bundle <path>'. */
	usage: string;
	/** One line for `aitia --help`. */
	summary: string;
	/** Every accepted option; anything else is a usage error (with a "did you mean"). */
	options: O;
	/**
	 * Returns the exit code. Throws UsageError for bad arguments. Declared as a method on purpose:
	 * method parameters are bivariant, so a Command<{ alpha: … }> fits in a Command[] list.
	 */
	run(args: ParsedArgs<O>, io: Io): Promise<number>;
}

/**
 * Identity function that infers the option types, including enum words and defaults:
 * `defineCommand({ options: { format: { type: 'enum', values: ['matrix', 'json'], default: 'matrix' } }, … })`
 * gives `values.format: 'matrix' | 'json'`.
 */
export function defineCommand<const O extends OptionSpecs>(command: Command<O>): Command<O> {
	return command;
}
