/** The only server route: the LLM proxy (logic in $lib/server/proxy.ts, config in llm.ts). */
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from './$types';
import { proxyConfig } from '$lib/server/llm';
import { handlePost, statusResponse } from '$lib/server/proxy';
import { clientAddress, clientGoneSignal } from '$lib/server/client';

// The page is prerendered; this route must run on the server for every request.
export const prerender = false;

export const GET: RequestHandler = () => statusResponse(proxyConfig());

export const POST: RequestHandler = async ({ request, getClientAddress, platform }) => {
	const address = clientAddress(getClientAddress);
	if (address instanceof Response) return address;
	// adapter-node passes the Node request as platform.req (absent under `vite dev`).
	const req = (platform as { req?: IncomingMessage } | undefined)?.req;
	const gone = clientGoneSignal(request, req);
	const res = await handlePost(request, address, proxyConfig(), gone.signal);
	return gone.releaseWhenDone(res);
};
