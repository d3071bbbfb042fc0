/**
 * "Copy as Markdown": the findings of a notebook as Markdown a postmortem document can take:
 * markdown cells as written, tables as Markdown tables, the root-cause ranking with its evidence
 * chains, the diagnosis (the model's answer when one is attached, else the offline explanation),
 * and every chart as an image (PNG data URLs made from the page's SVGs by `svgToPng`).
 */
import { parseAnswer } from '$lib/llm/parse';
import type { Notebook } from '$lib/notebook/model';
import { describeAnchor, timelineOrder } from '$lib/notebook/notes';
import type { CellOutput, TableOutput } from '$lib/notebook/outputs';

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const fmt = (v: unknown) =>
	typeof v === 'number'
		? Number.isFinite(v)
			? String(Math.round(v * 1000) / 1000)
			: ''
		: esc(String(v ?? ''));

function table(t: TableOutput, max = 20): string {
	const cols = t.columns.map((c) => c.name);
	const rows = Array.from({ length: Math.min(t.length, max) }, (_, i) =>
		cols.map((c) => fmt(t.data[c]?.[i]))
	);
	const more = t.length > max ? `\n\n(${t.length - max} more rows)` : '';
	return (
		[
			`| ${cols.map(esc).join(' | ')} |`,
			`| ${cols.map(() => '---').join(' | ')} |`,
			...rows.map((r) => `| ${r.join(' | ')} |`)
		].join('\n') + more
	);
}

function outputText(out: CellOutput): string | undefined {
	if (out.type === 'table') return table(out);
	if (out.type === 'root-cause') {
		const head = out.symptom
			? `Explaining \`${out.symptom.key}\` (method ${out.method}):`
			: `Method ${out.method}:`;
		const rows = out.candidates
			.slice(0, 10)
			.map((c) => `${c.rank}. **${c.service}** (score ${c.score.toFixed(3)}): ${c.chain}`);
		return [head, '', ...rows].join('\n');
	}
	if (out.type === 'diagnosis') {
		const d = out.answer ? parseAnswer(out.answer.text) : out.offline;
		const from = out.answer
			? `Answer from ${out.answer.model}`
			: 'Offline explanation (no language model)';
		const root = d.rootCause || '(none named)';
		return [
			`_${from}_`,
			'',
			d.explanation,
			'',
			`**Root cause:** ${root} · confidence ${Math.round(d.confidence * 100)} %`,
			...(d.commands.length ? ['', ...d.commands.map((c) => `- \`${c.command}\` (${c.risk})`)] : [])
		].join('\n');
	}
	return undefined;
}

const minute = (t: number) => new Date(t).toISOString().slice(0, 16).replace('T', ' ') + 'Z';

/** The analysts' notes as a timeline list (each note's Markdown kept, folded onto one line). */
function notesSection(doc: Notebook): string[] {
	if (!doc.notes.length) return [];
	const cellName = (id: string) => doc.cells.find((c) => c.id === id)?.name;
	const lines = timelineOrder(doc.notes).map((n) => {
		const tags = n.tags.length ? ` **[${n.tags.join(', ')}]**` : '';
		const text = n.text.trim().replace(/\s*\n\s*/g, ' ');
		return `- ${describeAnchor(n.on, minute, cellName)}${tags}: ${text} _(${n.author || 'anonymous'})_`;
	});
	return ['## Notes', '', ...lines, ''];
}

/**
 * The notebook as Markdown; `images` holds a PNG data URL per cell id, where the page has one.
 * `asOf`: the replay cursor the outputs were computed at, said at the top so cut outputs do not
 * pass for the whole incident.
 */
export function notebookMarkdown(
	doc: Notebook,
	outputs: Record<string, CellOutput | undefined>,
	images: Record<string, string>,
	asOf: number | null = null
): string {
	const parts = [`# ${doc.title}`, ''];
	if (asOf !== null)
		parts.push(
			`> Replay: as of ${minute(asOf)}. Every output below shows only the data up to that moment.`,
			''
		);
	for (const c of doc.cells) {
		if (c.kind === 'markdown') {
			parts.push(c.source ?? '', '');
			continue;
		}
		const out = outputs[c.id];
		parts.push(`## ${c.name ?? c.id}`, '');
		const text = out ? outputText(out) : '(not run)';
		if (text) parts.push(text, '');
		if (images[c.id]) parts.push(`![${c.name ?? c.id}](${images[c.id]})`, '');
	}
	parts.push(...notesSection(doc));
	return parts.join('\n');
}

/** Renders an SVG element to a PNG data URL (white background, its on-screen size). */
export async function svgToPng(svg: SVGSVGElement): Promise<string | undefined> {
	const box = svg.getBoundingClientRect();
	if (!box.width || !box.height) return undefined;
	const clone = svg.cloneNode(true) as SVGSVGElement;
	clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	clone.setAttribute('width', String(box.width));
	clone.setAttribute('height', String(box.height));
	const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(clone))}`;
	const img = new Image();
	await new Promise<void>((resolve, reject) => {
		img.onload = () => resolve();
		img.onerror = () => reject(new Error('svg did not render'));
		img.src = url;
	});
	const canvas = document.createElement('canvas');
	canvas.width = Math.ceil(box.width);
	canvas.height = Math.ceil(box.height);
	const ctx = canvas.getContext('2d')!;
	ctx.fillStyle = '#fff';
	ctx.fillRect(0, 0, canvas.width, canvas.height);
	ctx.drawImage(img, 0, 0);
	return canvas.toDataURL('image/png');
}
