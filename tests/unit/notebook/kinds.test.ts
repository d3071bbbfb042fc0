import { describe, expect, it } from 'vitest';
import { neverCancelled } from '$workers/shared/cancel';
import { KINDS } from '$lib/notebook/kinds';
import { renderMarkdown } from '$lib/notebook/kinds/markdown';
import type { AnyCellKind } from '$lib/notebook/kinds/kind';
import type { CellOutput, DataOutput, TimeseriesOutput } from '$lib/notebook/outputs';
import { decimateMinMax } from '$lib/notebook/support/decimate';
import { isSafeUrl, sanitizeHtml } from '$lib/notebook/support/sanitize-html';
import { dataOutput, fakeCompute, series } from './fake-compute';

/** Every tag in the HTML with its attributes, for checking what a browser would build. */
function tags(html: string): { name: string; attrs: Record<string, string> }[] {
	return [...html.matchAll(/<([a-z0-9]+)([^>]*)>/gi)].map((m) => ({
		name: m[1].toLowerCase(),
		attrs: Object.fromEntries(
			[...m[2].matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map((a) => [a[1].toLowerCase(), a[2] ?? ''])
		)
	}));
}

function expectSafe(html: string): void {
	for (const tag of tags(html)) {
		expect(['script', 'iframe', 'svg', 'style', 'object', 'embed']).not.toContain(tag.name);
		for (const [attr, value] of Object.entries(tag.attrs)) {
			expect(attr).not.toMatch(/^on/);
			if (attr === 'href' || attr === 'src') {
				expect(value.toLowerCase()).not.toMatch(/^\s*(javascript|data|vbscript)/);
				expect(value).toMatch(/^(https?:|mailto:|#|\.|\/|[a-z0-9])/i);
			}
		}
	}
}

describe('markdown kind', () => {
	it('renders markdown', () => {
		expect(renderMarkdown('# Title\n\n*a* **b** `c` [x](https://e.org "t")')).toBe(
			'<h1>Title</h1>\n<p><em>a</em> <strong>b</strong> <code>c</code> <a href="https://e.org" title="t">x</a></p>\n'
		);
		expect(renderMarkdown('| a |\n|:-|\n| 1 |')).toContain('<th align="left">a</th>');
		expect(renderMarkdown('- [x] done')).toContain('<input checked disabled type="checkbox">');
		expect(renderMarkdown('```js\nx<1\n```')).toContain('<code class="language-js">x&lt;1');
		expect(renderMarkdown('[a](./x.html) [b](#s) [c](mailto:a@b.c) [d](/p?q=1)')).toBe(
			'<p><a href="./x.html">a</a> <a href="#s">b</a> <a href="mailto:a@b.c">c</a> <a href="/p?q=1">d</a></p>\n'
		);
	});

	const nasty = [
		'<script>alert(1)</script>',
		'<img src=x onerror=alert(1)>',
		'a <b onclick="alert(1)">b</b>',
		'<a href="javascript:alert(1)">x</a>',
		'<iframe src="https://evil"></iframe>',
		'a <script>x <svg/onload=alert(1)> y</script>',
		'<div><svg><style><img src=x onerror=alert(1)></style></svg></div>',
		'<!-- <img src=x onerror=alert(1)> -->',
		'[x](javascript:alert(1))',
		'[x](JaVaScRiPt:alert(1))',
		'[x](  javascript:alert(1))',
		'[x](<java\tscript:alert(1)>)',
		'[x](&#106;avascript:alert(1))',
		'[x](&#x6A;avascript&#x3A;alert(1))',
		'[x](javascript&colon;alert(1))',
		'[x](jav&#x09;ascript:alert(1))',
		'[x](vbscript:msgbox(1))',
		'[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
		'![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
		'![x](javascript:alert(1))',
		'<javascript:alert(1)>',
		'[r]\n\n[r]: javascript:alert(1)',
		'[a](http://x "\\" onmouseover=\\"alert(1)")',
		'<a href="http://ok" onmouseover="alert(1)">x</a>',
		'<IMG SRC="jav&#x0A;ascript:alert(1)">'
	];
	it.each(nasty)('neutralises %j', (source) => {
		const html = renderMarkdown(source);
		expectSafe(html);
		expect(html).not.toMatch(/<(script|iframe|svg|style)/i);
		expect(html).not.toMatch(/href="[^"]*script:/i);
	});

	it('shows raw HTML as text instead of dropping it', () => {
		expect(renderMarkdown('x <b>bold</b>')).toBe('<p>x &lt;b&gt;bold&lt;/b&gt;</p>\n');
	});

	it('runs as a cell', async () => {
		const out = await run(KINDS.markdown, {}, {}, '**hi**');
		expect(out).toEqual({ type: 'html', html: '<p><strong>hi</strong></p>\n' });
	});
});

describe('sanitizeHtml / isSafeUrl', () => {
	it('keeps allowed tags, rebuilds attributes and escapes the rest', () => {
		expect(sanitizeHtml('<p class="x" onclick="y">a</p><blink>b</blink>')).toBe(
			'<p>a</p>&lt;blink&gt;b&lt;/blink&gt;'
		);
		expect(sanitizeHtml('<a href="http://a?x=1&amp;y=&quot;2">l</a>')).toBe(
			'<a href="http://a?x=1&amp;y=&quot;2">l</a>'
		);
		expect(sanitizeHtml('<img src="x.png" alt=">" onerror=alert(1)>')).not.toMatch(
			/<img[^>]*onerror/
		);
	});

	it('allows only http(s), mailto, relative and anchors', () => {
		for (const ok of [
			'https://a.b/c',
			'HTTP://A',
			'mailto:x@y',
			'#top',
			'./a',
			'../a',
			'/a',
			'a/b:c',
			'?q'
		]) {
			expect(isSafeUrl(ok), ok).toBe(true);
		}
		for (const bad of [
			'javascript:x',
			' JAVASCRIPT:x',
			'\u0000javascript:x',
			'java\nscript:x',
			'javascript&#58;x',
			'javascript&#0000058x',
			'&#x6a;avascript:x',
			'javascript&colon;x',
			'data:text/html,x',
			'vbscript:x',
			'file:///etc/passwd',
			'a&foo;b:c'
		]) {
			expect(isSafeUrl(bad), bad).toBe(false);
		}
	});
});

describe('decimateMinMax', () => {
	it('keeps spikes, dips and gaps within maxPoints', () => {
		const n = 10_000;
		const t = Float64Array.from({ length: n }, (_, i) => i);
		const v = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 100));
		v[1234] = 50; // spike
		v[7777] = -40; // dip
		for (let i = 5000; i < 5100; i++) v[i] = NaN; // gap
		const out = decimateMinMax(t, v, 300);
		expect(out.t.length).toBeLessThanOrEqual(300);
		expect(out.t.length).toBeGreaterThan(150);
		expect(Math.max(...out.v.filter((x) => !Number.isNaN(x)))).toBe(50);
		expect(Math.min(...out.v.filter((x) => !Number.isNaN(x)))).toBe(-40);
		expect(out.t[out.v.indexOf(50)]).toBe(1234);
		const gaps = [...out.t].filter((_, i) => Number.isNaN(out.v[i]));
		expect(gaps.length).toBeGreaterThan(0);
		expect(gaps.every((x) => x >= 5000 && x < 5100)).toBe(true);
		for (let i = 1; i < out.t.length; i++) expect(out.t[i]).toBeGreaterThan(out.t[i - 1]);
	});

	it('returns short series untouched', () => {
		const t = Float64Array.of(1, 2, 3);
		const v = Float64Array.of(1, NaN, 3);
		const out = decimateMinMax(t, v, 10);
		expect(out.t).toBe(t);
		expect(out.v).toBe(v);
	});
});

async function run(
	kind: AnyCellKind,
	params: unknown,
	inputs: Record<string, CellOutput>,
	source = '',
	compute = fakeCompute()
): Promise<CellOutput> {
	return kind.run({
		params: kind.schema.parse(params),
		source,
		inputs,
		incidentId: 'inc-1',
		compute,
		signal: neverCancelled,
		jobId: 'job-1'
	});
}

const data = (): DataOutput => ({
	...dataOutput({ series: ['*'], logs: false, events: true, range: 'all' }),
	series: [series('edge.latency_ms', 5000), series('db.db_lock_ms', 20)]
});

describe('data kind', () => {
	it('defaults its params and calls data.select with incident, selection and job id', async () => {
		const compute = fakeCompute();
		const seen: unknown[] = [];
		compute.select = async (sel, jobId) => {
			seen.push(sel, jobId);
			return dataOutput(sel);
		};
		const out = await run(KINDS.data, {}, {}, '', compute);
		expect(seen).toEqual([{ series: ['*'], logs: false, events: true, range: 'all' }, 'job-1']);
		expect(compute.calls).toEqual(['select:inc-1']);
		expect(out.type).toBe('data');
	});

	it('rejects bad selections', () => {
		const parse = (p: unknown) => KINDS.data.schema.safeParse(p).success;
		expect(parse({ range: { start: 10, end: 0 } })).toBe(false);
		expect(parse({ logs: { levels: ['loud'] } })).toBe(false);
		expect(parse({ logs: { limit: 10, levels: ['warn', 'error'] }, range: 'baseline' })).toBe(true);
	});
});

describe('chart kind', () => {
	it('selects, decimates and adds windows and events', async () => {
		const out = (await run(
			KINDS.chart,
			{ series: ['edge.*'], maxPoints: 300 },
			{ data: data() }
		)) as TimeseriesOutput;
		expect(out.series.map((s) => s.key)).toEqual(['edge.latency_ms']);
		expect(out.series[0].t.length).toBeLessThanOrEqual(300);
		expect(out.windows).toEqual([
			{ label: 'baseline', start: 0, end: 30_000 },
			{ label: 'incident', start: 60_000, end: 100_000 }
		]);
		expect(out.events).toHaveLength(1);
		expect(out).toMatchObject({ normalize: false, range: { start: 0, end: 100_000 } });
	});

	it('can leave out events and windows', async () => {
		const compute = fakeCompute();
		const params = { showEvents: false, showWindows: false };
		const out = (await run(KINDS.chart, params, { data: data() }, '', compute)) as TimeseriesOutput;
		expect(out.events).toEqual([]);
		expect(out.windows).toBeUndefined();
		expect(out.series).toHaveLength(2);
		expect(compute.calls).toEqual([]);
	});

	it('refuses an input that is not data', async () => {
		await expect(run(KINDS.chart, {}, { data: { type: 'html', html: '' } })).rejects.toThrow(
			/data cell/
		);
	});
});

describe('stats kind', () => {
	it.each([
		['selection', 'windowStats:0-100000'],
		['baseline', 'windowStats:0-30000'],
		['incident', 'windowStats:60000-100000']
	])('computes stats over the %s window', async (window, call) => {
		const compute = fakeCompute();
		const out = await run(KINDS.stats, { window }, { data: data() }, '', compute);
		expect(compute.calls.at(-1)).toBe(call);
		expect(out).toMatchObject({ type: 'table', length: 2 });
	});
});

describe('markdown images', () => {
	it('keeps inline and same-origin images, drops images from other hosts (beacons)', () => {
		const html = sanitizeHtml(
			'<p><img src="https://evil.example/b.png" alt="b"><img src="//evil.example/c.png" alt="c"><img src="/demo/x.png" alt="x"><img src="data:image/png;base64,AAAA" alt="d"></p>'
		);
		expect(html).not.toMatch(/evil\.example/);
		expect(html).toContain('src="/demo/x.png"');
		expect(html).toContain('src="data:image/png;base64,AAAA"');
	});
});
