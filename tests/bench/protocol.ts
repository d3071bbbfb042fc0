/** What a benchmark worker reports back to the runner (shared by entries and run.ts). */

export interface BenchRow {
	/** What was measured ("write metrics (putBundle)"). */
	name: string;
	/** Rows processed (metric points, log lines ...). */
	rows: number;
	/** Wall time of the measured step, seconds. */
	seconds: number;
	/** Payload size in MB, when meaningful. */
	mb?: number;
	/** Required throughput, rows per second; the runner prints MISSED when below. */
	targetRowsPerSec?: number;
}

export interface BenchResult {
	rows: BenchRow[];
	/** Free-form lines printed under the table (storage usage, parameters ...). */
	notes: string[];
}

/** Worker side: answers the harness page's single message with fn's result or its error. */
export function serveBench<P = unknown, R = BenchResult>(fn: (params: P) => Promise<R>): void {
	const scope = self as unknown as {
		onmessage: ((e: MessageEvent<P>) => void) | null;
		postMessage(m: unknown): void;
	};
	scope.onmessage = (e) => {
		fn(e.data).then(
			(result) => scope.postMessage({ type: 'result', result }),
			(err: unknown) =>
				scope.postMessage({
					type: 'error',
					error:
						err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err)
				})
		);
	};
}

/** Worker side: a progress line the runner prints (relayed through the page console). */
export function benchLog(text: string): void {
	(self as unknown as { postMessage(m: unknown): void }).postMessage({ type: 'log', text });
}
