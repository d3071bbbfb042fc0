/** What the route knows about the client: its address, and whether it is still connected. */
import type { IncomingMessage } from 'node:http';

/**
 * The client's address, or a 400 when adapter-node cannot tell it: with ADDRESS_HEADER set (for
 * example x-forwarded-for) a request that lacks the header would otherwise be a bare 500.
 */
export function clientAddress(get: () => string): string | Response {
	try {
		return get();
	} catch (err) {
		const reason = err instanceof Error ? err.message : String(err);
		return new Response(
			JSON.stringify({
				error: `Cannot tell the client address (${reason}). This server expects a proxy in front of it that sets the ADDRESS_HEADER header.`
			}),
			{ status: 400, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } }
		);
	}
}

/**
 * Aborts when the client disconnects. SvelteKit's request.signal only fires while the body is still
 * being read, so a client that leaves while we wait for the provider's first byte needs the socket.
 */
export function clientGoneSignal(
	request: Request,
	req: IncomingMessage | undefined
): { signal: AbortSignal; releaseWhenDone(res: Response): Response } {
	const ctrl = new AbortController();
	const gone = () => ctrl.abort();
	const socket = req?.socket;
	socket?.once('close', gone);
	request.signal.addEventListener('abort', gone, { once: true });
	const release = (): void => {
		socket?.off('close', gone);
	};
	return {
		signal: ctrl.signal,
		releaseWhenDone(res) {
			if (!res.body) {
				release();
				return res;
			}
			const body = res.body.pipeThrough(new TransformStream({ flush: release }));
			return new Response(body, { status: res.status, headers: res.headers });
		}
	};
}
