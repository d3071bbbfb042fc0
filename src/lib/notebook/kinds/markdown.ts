/**
 * Markdown cell: notes and narrative between analysis cells. Rendered with marked, then sanitised:
 * notebooks are shared, so a notebook from someone else must not be able to run script.
 */
import { Marked, type Tokens } from 'marked';
import { z } from 'zod';
import { escapeHtml, isSafeUrl, sanitizeHtml } from '../support/sanitize-html';
import type { CellKind } from './kind';

const schema = z.object({});
export type MarkdownParams = z.infer<typeof schema>;

const marked = new Marked({
	gfm: true,
	async: false,
	renderer: {
		// Raw HTML in the source is shown as text, never interpreted.
		html(token: Tokens.HTML | Tokens.Tag): string {
			return escapeHtml(token.text);
		},
		link(token: Tokens.Link): string | false {
			if (isSafeUrl(token.href)) return false;
			return this.parser.parseInline(token.tokens);
		},
		image(token: Tokens.Image): string | false {
			if (isSafeUrl(token.href)) return false;
			return escapeHtml(token.text);
		}
	}
});

/** Markdown to safe HTML (see support/sanitize-html.ts for what survives). */
export function renderMarkdown(source: string): string {
	return sanitizeHtml(marked.parse(source, { async: false }));
}

export const markdownKind: CellKind<MarkdownParams> = {
	kind: 'markdown',
	label: 'Markdown',
	description: 'Notes and narrative, written in Markdown.',
	schema,
	inputs: [],
	fields: [],
	hasSource: true,
	autoRun: true,
	readsIncident: false,
	output: 'html',
	async run(ctx) {
		return { type: 'html', html: renderMarkdown(ctx.source) };
	}
};
