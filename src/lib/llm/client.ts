/**
 * Browser side of the LLM proxy: is a model configured, and stream an answer. The page sends only
 * the redacted user message it previewed; the server adds its own system prompt, model and key.
 */

export type LlmStatus = { configured: true; model: string } | { configured: false; reason: string };

export async function llmStatus(fetchFn: typeof fetch = fetch): Promise<LlmStatus> {
	try {
		const res = await fetchFn('/api/llm', { headers: { accept: 'application/json' } });
		// A static host without the server function answers 404: same as no model.
		if (!res.ok) return { configured: false, reason: `the proxy answered ${res.status}` };
		const body = (await res.json()) as { configured?: boolean; model?: string };
		return body.configured
			? { configured: true, model: body.model ?? 'model' }
			: { configured: false, reason: 'no model is configured on the server' };
	} catch {
		return { configured: false, reason: 'the proxy is unreachable' };
	}
}

/** Streams the answer; `onDelta` gets each piece. Resolves with the whole text and the model. */
export async function streamAnswer(
	user: string,
	onDelta: (text: string) => void,
	signal?: AbortSignal,
	fetchFn: typeof fetch = fetch
): Promise<{ text: string; model: string }> {
	const res = await fetchFn('/api/llm', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ user }),
		signal
	});
	if (!res.ok || !res.body) {
		const body = (await res.json().catch(() => ({}))) as { error?: string };
		throw new Error(body.error ?? `The proxy answered ${res.status}.`);
	}
	const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
	let buffer = '';
	let text = '';
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		buffer += value;
		let nl: number;
		while ((nl = buffer.indexOf('\n')) >= 0) {
			const line = buffer.slice(0, nl);
			buffer = buffer.slice(nl + 1);
			if (!line.trim()) continue;
			const msg = JSON.parse(line) as {
				delta?: string;
				done?: boolean;
				model?: string;
				error?: string;
			};
			if (msg.error) throw new Error(msg.error);
			if (msg.delta) {
				text += msg.delta;
				onDelta(msg.delta);
			}
			if (msg.done) return { text, model: msg.model ?? 'model' };
		}
	}
	throw new Error('The answer stream ended early.');
}
