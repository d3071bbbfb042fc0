/** writeBundle → parseBundle gives back the same bundle (the capsule's guarantee). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../../workers/bundle/parse';
import { writeBundle } from '../../../workers/bundle/write';

const load = async (path: string) => {
	const res = await parseBundle([
		{ path: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)) }
	]);
	if (!res.ok) throw new Error(JSON.stringify(res.errors.slice(0, 3)));
	return res.bundle;
};

describe('writeBundle', () => {
	it.each([
		['the demo', new URL('../../../static/demo/coolant-leak.zip', import.meta.url).pathname],
		[
			'a TrainTicket case with spans',
			new URL(
				'../../fixtures/rca/nezha-trainticket/nezha-trainticket-2023-01-30_115146.zip',
				import.meta.url
			).pathname
		]
	])('round-trips %s', async (_name, path) => {
		const a = await load(path);
		const res = await parseBundle(writeBundle(a));
		if (!res.ok) throw new Error(JSON.stringify(res.errors.slice(0, 3)));
		const b = res.bundle;
		expect(b.manifest).toEqual({ ...a.manifest, version: 2 });
		expect(b.series.map((s) => s.key)).toEqual(a.series.map((s) => s.key));
		for (const [i, s] of a.series.entries()) {
			expect(b.series[i].unit).toEqual(s.unit);
			expect(Array.from(b.series[i].t)).toEqual(Array.from(s.t));
			expect(Array.from(b.series[i].v)).toEqual(Array.from(s.v));
		}
		expect(b.logs.length).toBe(a.logs.length);
		expect(b.logs.message).toEqual(a.logs.message);
		expect(b.logs.extra).toEqual(a.logs.extra);
		expect(Array.from(b.traces.start)).toEqual(Array.from(a.traces.start));
		expect(Array.from(b.traces.duration)).toEqual(Array.from(a.traces.duration));
		expect(b.events).toEqual(a.events);
		expect(b.topology).toEqual(a.topology);
		expect(b.groundTruth).toEqual(a.groundTruth);
		expect(b.annotations).toEqual(a.annotations);
	});
});
