/** A minimal Server-Sent Events reader: yields each event's `data` (multi-line data joined). */

/** Longest SSE line kept: a provider chunk is a few hundred bytes; refuse unbounded lines. */
const MAX_LINE = 1024 * 1024;

/** Yields data payloads; `onBytes` is called whenever bytes arrive (to re-arm an idle timer). */
export async function* readSse(
	body: ReadableStream<Uint8Array>,
	onBytes: () => void
): AsyncGenerator<string> {
	const reader = body.getReader();
	const decoder = new TextDecoder();
	let buffer = '';
	let data: string[] = [];
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			onBytes();
			buffer += decoder.decode(value, { stream: true });
			if (buffer.length > MAX_LINE && buffer.indexOf('\n') < 0) {
				throw new SyntaxError('SSE line too long');
			}
			let nl: number;
			while ((nl = buffer.indexOf('\n')) >= 0) {
				const line = buffer.slice(0, nl).replace(/\r$/, '');
				buffer = buffer.slice(nl + 1);
				if (line === '') {
					if (data.length) yield data.join('\n');
					data = [];
				} else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
			}
		}
		if (data.length) yield data.join('\n');
	} finally {
		void reader.cancel().catch(() => undefined);
	}
}
