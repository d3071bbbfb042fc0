import { describe, expect, it } from 'vitest';
import { parseWindowOverrides, resolveWindows, WindowError } from '../../../workers/rca/windows';

const H = 3_600_000;
const facts = {
	timeRange: { start: 0, end: 6 * H },
	onset: 4 * H,
	baseline: { start: 0, end: 3 * H }
};

describe('incident windows', () => {
	it('start a quarter of the incident length before the onset, never inside the baseline', () => {
		const w = resolveWindows(facts);
		expect(w.incident).toEqual({ start: 3.5 * H, end: 6 * H });
		expect(resolveWindows({ ...facts, onset: 3.1 * H }).incident.start).toBe(3 * H + 1);
	});

	it('follow the manifest incident window, and the run overrides everything', () => {
		const declared = { start: 4 * H, end: 5 * H };
		expect(resolveWindows({ ...facts, incident: declared }).incident).toEqual(declared);
		const w = resolveWindows(facts, { onset: 5 * H, baseline: { start: H, end: 2 * H } });
		expect(w.baseline).toEqual({ start: H, end: 2 * H });
		expect(w.incident.start).toBe(4.75 * H);
		expect(w.source.baseline).toBe('set for this run');
	});

	it('take everything before the onset as baseline when none is declared', () => {
		const w = resolveWindows({ timeRange: facts.timeRange, onset: 4 * H });
		expect(w.baseline).toEqual({ start: 0, end: 4 * H - 1 });
		expect(w.source.baseline).toMatch(/no baseline declared/);
	});

	it('refuse what cannot work, in words', () => {
		expect(() => resolveWindows({ timeRange: facts.timeRange })).toThrow(WindowError);
		expect(() => resolveWindows(facts, { incident: { start: H, end: 2 * H } })).toThrow(
			/overlaps the baseline/
		);
	});

	it('use the onset and baseline proposed from the data only when nothing is declared or set', () => {
		const proposed = { onset: 4 * H, baseline: { start: H, end: 2 * H }, series: 'api.latency_ms' };
		const w = resolveWindows({ timeRange: facts.timeRange, proposed });
		expect(w.baseline).toEqual({ start: H, end: 2 * H });
		expect(w.onset).toBe(4 * H);
		expect(w.source.baseline).toMatch(/proposed from the data/);
		expect(w.source.incident).toMatch(/onset 1970-01-01T04:00:00.000Z proposed .*api\.latency_ms/);
		// Without a proposed baseline: everything before the proposed onset.
		const before = resolveWindows({ timeRange: facts.timeRange, proposed: { onset: 4 * H } });
		expect(before.baseline).toEqual({ start: 0, end: 4 * H - 1 });
		// A declared or typed onset or baseline wins, and the proposal is not mentioned.
		for (const w2 of [
			resolveWindows({ ...facts, proposed }),
			resolveWindows({ timeRange: facts.timeRange, proposed }, { onset: 5 * H })
		]) {
			expect(w2.source.incident).not.toMatch(/proposed/);
			expect(w2.source.baseline).not.toMatch(/proposed/);
		}
		expect(resolveWindows({ timeRange: facts.timeRange, proposed }, { onset: 5 * H }).onset).toBe(
			5 * H
		);
	});

	it('allow a one-sample incident (a single anomalous request)', () => {
		const w = resolveWindows({
			timeRange: { start: 0, end: 100 },
			onset: 100,
			baseline: { start: 0, end: 99 }
		});
		expect(w.incident).toEqual({ start: 100, end: 100 });
	});
});

describe('parseWindowOverrides (the root-cause cell fields, read in the data worker)', () => {
	it('reads times and windows in the bundle zone, empty fields stay the manifest’s', () => {
		const o = parseWindowOverrides(
			{ onset: '2024-01-01 10:00', baseline: '2024-01-01T08:00Z..2024-01-01T09:00Z', incident: '' },
			'Europe/Berlin'
		);
		expect(o.onset).toBe(Date.parse('2024-01-01T09:00:00Z'));
		expect(o.baseline).toEqual({
			start: Date.parse('2024-01-01T08:00:00Z'),
			end: Date.parse('2024-01-01T09:00:00Z')
		});
		expect(o.incident).toBeUndefined();
	});

	it('names the field and the problem', () => {
		const bad = (raw: Parameters<typeof parseWindowOverrides>[0]) => () =>
			parseWindowOverrides(raw, 'UTC');
		expect(bad({ onset: 'soon' })).toThrow('Onset: "soon" is not a time (ISO 8601 or epoch)');
		expect(bad({ baseline: '2024-01-01' })).toThrow('Baseline: write it as <start>..<end>');
		expect(bad({ incident: '2024-01-02..2024-01-01' })).toThrow(
			'Incident window: the start must be before the end'
		);
		expect(bad({ incident: '2024-01-01..later' })).toThrow(
			'Incident window: "later" is not a time'
		);
	});
});
