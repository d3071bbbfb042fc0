/**
 * The `aitia` command line (bin: aitia.js -> aitia.ts -> here). Commands are listed in COMMANDS:
 * adding one = one module under commands/ + one line here.
 */
import { parseArgs } from 'node:util';
import { NotebookParseError } from '$lib/notebook/serialize';
import { anomaliesCommand } from './commands/anomalies';
import type { Command } from './commands/command';
import { diagnoseCommand } from './commands/diagnose';
import { forecastCommand } from './commands/forecast';
import { ateCommand } from './commands/ate';
import { pcCommand } from './commands/pc';
import { rankCommand } from './commands/rank';
import { runCommand } from './commands/run';
import { searchCommand } from './commands/search';
import { templatesCommand } from './commands/templates';
import { validateCommand } from './commands/validate';
import { processIo, UsageError, type Io } from './io';

export const COMMANDS: Command[] = [
	validateCommand,
	runCommand,
	diagnoseCommand,
	templatesCommand,
	searchCommand,
	pcCommand,
	ateCommand,
	rankCommand,
	anomaliesCommand,
	forecastCommand
];

function usage(): string {
	const width = Math.max(...COMMANDS.map((c) => c.usage.length));
	return [
		'Usage: aitia <command> [options]',
		'',
		'Commands:',
		...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
		'',
		'Options:',
		"  -h, --help  Show this help (or a command's usage with `aitia <command> --help`)."
	].join('\n');
}

async function runCommandLine(command: Command, argv: string[], io: Io): Promise<number> {
	const options = { ...command.options, help: { type: 'boolean' as const, short: 'h' } };
	let parsed;
	try {
		parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
	} catch (err) {
		throw new UsageError((err as Error).message);
	}
	if (parsed.values.help) {
		io.out(`Usage: aitia ${command.usage}\n\n${command.summary}`);
		return 0;
	}
	return command.run({ positionals: parsed.positionals, values: parsed.values }, io);
}

/** Runs the CLI; returns the exit code (0 ok, 1 failure, 2 usage error). */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
	const [name, ...rest] = argv;
	if (name === '-h' || name === '--help' || name === 'help') {
		io.out(usage());
		return 0;
	}
	const command = COMMANDS.find((c) => c.name === name);
	if (!command) {
		io.err(name ? `aitia: unknown command "${name}"\n` : 'aitia: no command given\n');
		io.err(usage());
		return 2;
	}
	try {
		return await runCommandLine(command, rest, io);
	} catch (err) {
		if (err instanceof UsageError) {
			io.err(`aitia ${command.name}: ${err.message}`);
			io.err(`Usage: aitia ${command.usage}`);
			return 2;
		}
		if (err instanceof NotebookParseError) {
			io.err(`aitia ${command.name}: ${err.message}`);
			return 1;
		}
		io.err(`aitia ${command.name}: ${(err as Error).stack ?? String(err)}`);
		return 1;
	}
}
