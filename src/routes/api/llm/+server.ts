/** The only server route: the LLM proxy (logic in $lib/server/proxy.ts, config in llm.ts). */
import type { RequestHandler } from './$types';
import { proxyConfig } from '$lib/server/llm';
import { handlePost, statusResponse } from '$lib/server/proxy';

// The page is prerendered; this route must run on the server for every request.
export const prerender = false;

export const GET: RequestHandler = () => statusResponse(proxyConfig());

export const POST: RequestHandler = ({ request, getClientAddress }) =>
	handlePost(request, getClientAddress(), proxyConfig());
