/** The shape of a CLI command; commands are listed once, in aitia.ts. */
import type { ParseArgsConfig } from 'node:util';
import type { Io } from '../io';

export interface ParsedArgs {
	positionals: string[];
	values: Record<string, string | boolean | undefined>;
}

export interface Command {
	name: string;
	/** Arguments after `aitia`, e.g. 'run <notebook.nb.json> --bundle <path>'. */
	usage: string;
	/** One line for `aitia --help`. */
	summary: string;
	/** Options for node:util parseArgs (strict: unknown options are usage errors). */
	options: NonNullable<ParseArgsConfig['options']>;
	/** Returns the exit code. Throws UsageError for bad arguments. */
	run(args: ParsedArgs, io: Io): Promise<number>;
}
