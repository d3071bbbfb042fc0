/**
 * Share links: the notebook document (no data, no outputs), deflated and base64url-encoded into
 * the URL fragment, which browsers never send to a server. Opening one validates the document with
 * the same parser as a `.nb.json` file.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import type { Notebook } from '$lib/notebook/model';
import { parseNotebook, serializeNotebook } from '$lib/notebook/serialize';

export const SHARE_PREFIX = 'nb=';
/** Fragments longer than this are refused (a notebook is a few kB; a huge one is not one). */
export const MAX_SHARE_CHARS = 200_000;

const toB64url = (bytes: Uint8Array): string => {
	let s = '';
	for (let i = 0; i < bytes.length; i += 0x8000)
		s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};
const fromB64url = (s: string): Uint8Array =>
	Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

/** The fragment (without '#') that carries `nb`. */
export function encodeShare(nb: Notebook): string {
	return SHARE_PREFIX + toB64url(deflateSync(strToU8(serializeNotebook(nb)), { level: 9 }));
}

/** The notebook in a fragment, validated; throws with a message a person can act on. */
export function decodeShare(fragment: string): Notebook {
	const body = fragment.replace(/^#/, '');
	if (!body.startsWith(SHARE_PREFIX)) throw new Error('this link carries no notebook');
	if (body.length > MAX_SHARE_CHARS) throw new Error('this link is too long to be a notebook');
	let text: string;
	try {
		text = strFromU8(inflateSync(fromB64url(body.slice(SHARE_PREFIX.length))));
	} catch {
		throw new Error('this link is damaged (it does not decode); ask for it again');
	}
	return parseNotebook(text).notebook;
}
