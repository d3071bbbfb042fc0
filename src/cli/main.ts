/**
 * The `aitia` command line (bin: aitia.js -> aitia.ts -> here). Commands are listed in COMMANDS:
 * adding one = one module under commands/ + one line here.
 */
import { NotebookParseError } from '$lib/notebook/serialize';
import { anomaliesCommand } from './commands/anomalies';
import { captureCommand } from './commands/capture';
import type { Command } from './commands/command';
import { diagnoseCommand } from './commands/diagnose';
import { forecastCommand } from './commands/forecast';
import { ateCommand } from './commands/ate';
import { pcCommand } from './commands/pc';
import { rankCommand } from './commands/rank';
import { rcaEvalCommand } from './commands/rca-eval';
import { runCommand } from './commands/run';
import { searchCommand } from './commands/search';
import { templatesCommand } from './commands/templates';
import { validateCommand } from './commands/validate';
import { processIo, UsageError, type Io } from './io';
import { didYouMean, optionsHelp, parseCommandLine } from './options';

export const COMMANDS: Command[] = [
	validateCommand,
	runCommand,
	diagnoseCommand,
	templatesCommand,
	searchCommand,
	pcCommand,
	ateCommand,
	rankCommand,
	rcaEvalCommand,
	anomaliesCommand,
	forecastCommand,
	captureCommand
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
	const { positionals, values, help } = parseCommandLine(command.options, argv);
	if (help) {
		const lines = [`Usage: aitia ${command.usage}`, '', command.summary, '', 'Options:'];
		io.out([...lines, ...optionsHelp(command.options)].join('\n'));
		return 0;
	}
	return command.run({ positionals, values }, io);
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
		const names = COMMANDS.map((c) => c.name);
		io.err(
			name
				? `aitia: unknown command "${name}"${didYouMean(name, names)}\n`
				: 'aitia: no command given\n'
		);
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
