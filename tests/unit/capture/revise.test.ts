/**
 * The capture review: the analyst's edited manifest fields replace the proposed ones in the zip,
 * a blank baseline or onset removes it, and the capture's description (which queries produced
 * the data) survives; the result is a bundle the import accepts with exactly those fields.
 */
import { describe, expect, it } from 'vitest';
import { assembleCapture, reviseManifest } from '../../../workers/capture/bundle';
import { parseBundle } from '../../../workers/bundle/parse';
import type { CaptureLimits, QueryOutcome } from '../../../workers/capture/api';
import { draftOf, manifestFields } from '../../../src/lib/import/files';

const FROM = Date.parse('2026-03-14T10:00:00Z');
const lim: CaptureLimits = {
	from: FROM,
	to: FROM + 3_600_000,
	step: 15,
	maxSeries: 500,
	maxLines: 5000,
	pageLines: 1000
};

/** A Prometheus answer: a latency series that steps up from minute 40. */
function outcome(): QueryOutcome {
	const values: [number, string][] = [];
	for (let t = lim.from / 1000; t <= lim.to / 1000; t += 15) {
		const late = t - lim.from / 1000 > 2400;
		values.push([t, String(late ? 0.9 + Math.sin(t) * 0.01 : 0.1 + Math.sin(t) * 0.01)]);
	}
	return {
		source: 'prometheus',
		query: 'latency',
		response: {
			status: 'success',
			data: { resultType: 'matrix', result: [{ metric: { job: 'api', __name__: 'lat' }, values }] }
		},
		series: 1,
		points: values.length,
		pages: 1,
		cuts: [],
		ms: 1
	};
}

describe('reviewing a capture before it is stored', () => {
	it('writes the edited fields, drops a blanked onset and keeps the description', async () => {
		const built = await assembleCapture([outcome()], lim, {
			servers: { prometheus: 'http://prom:9090' },
			by: 'browser'
		});
		if (!built.ok) throw new Error(built.errors.join('\n'));
		const proposed = built.bundle.manifest;
		expect(proposed.onset).toBeDefined();
		const draft = { ...draftOf(proposed), title: 'Checkout drill', id: 'drill-1', onset: '' };
		const zip = reviseManifest(built.zip, manifestFields(draft));
		const res = await parseBundle([{ path: 'capture.zip', bytes: zip }]);
		if (!res.ok) throw new Error(res.errors.map((e) => e.message).join('\n'));
		const m = res.bundle.manifest;
		expect(m).toMatchObject({ id: 'drill-1', title: 'Checkout drill', services: ['api'] });
		expect(m.onset).toBeUndefined();
		expect(m.baseline).toEqual(proposed.baseline);
		expect(m.timeRange).toEqual(proposed.timeRange);
		expect(m.description).toBe(proposed.description);
		expect(m.description).toContain('latency');
		expect(res.bundle.series).toHaveLength(1);
	});

	it('a field the import cannot read is refused by the import, naming it', async () => {
		const built = await assembleCapture([outcome()], lim, {
			servers: { prometheus: 'http://prom:9090' },
			by: 'browser'
		});
		if (!built.ok) throw new Error(built.errors.join('\n'));
		const draft = { ...draftOf(built.bundle.manifest), onset: 'yesterday-ish' };
		const res = await parseBundle([
			{ path: 'capture.zip', bytes: reviseManifest(built.zip, manifestFields(draft)) }
		]);
		expect(res.ok).toBe(false);
		if (!res.ok) expect(res.errors.map((e) => e.message).join('\n')).toMatch(/onset/);
	});
});
