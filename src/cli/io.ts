/** Shared plumbing of CLI commands: output channels, usage errors, JSON with typed arrays. */

export interface Io {
	/** A line of the command's result (stdout). */
	out(line: string): void;
	/** A line of diagnostics (stderr). */
	err(line: string): void;
}

export const processIo: Io = {
	out: (line) => process.stdout.write(line + '\n'),
	err: (line) => process.stderr.write(line + '\n')
};

/** Wrong arguments: the CLI prints the message and the command's usage, exit code 2. */
export class UsageError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UsageError';
	}
}

/** JSON.stringify replacer: typed arrays become plain arrays (NaN becomes null, as in JSON). */
export function plainArrays(_key: string, value: unknown): unknown {
	return ArrayBuffer.isView(value) && !(value instanceof DataView)
		? Array.from(value as unknown as ArrayLike<number>)
		: value;
}
