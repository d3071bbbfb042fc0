/**
 * The reference period of a log table and its templates, shared by the log signals: lines in the
 * baseline window, or, when none falls there (logs kept only around incidents), every line outside
 * the incident window. Reference lines are mined first, so a template "exists" before any
 * incident line is matched to it.
 */
import type { LogTable, TimeRange } from '../bundle/types';
import { DrainMiner } from './drain';

export interface MinedReference {
	/** Which lines are the reference. */
	reference: 'baseline' | 'outside-incident' | 'none';
	isRef: (t: number) => boolean;
	/** Live template index of every line. */
	template: Int32Array;
	miner: DrainMiner;
}

export function mineReference(
	logs: LogTable,
	baseline: TimeRange,
	incident: TimeRange
): MinedReference {
	const n = logs.length;
	const inWin = (t: number, w: TimeRange) => t >= w.start && t <= w.end;
	let isRef = (t: number) => inWin(t, baseline);
	let reference: MinedReference['reference'] = 'baseline';
	if (!logs.t.some((t) => isRef(t))) {
		isRef = (t) => !inWin(t, incident);
		reference = logs.t.some((t) => isRef(t)) ? 'outside-incident' : 'none';
	}
	const miner = new DrainMiner();
	const raw = new Int32Array(n);
	const order = Array.from({ length: n }, (_, i) => i).sort(
		(a, b) => Number(isRef(logs.t[b])) - Number(isRef(logs.t[a]))
	);
	for (const i of order) raw[i] = miner.add(logs.message[i]);
	const template = raw.map((c) => miner.resolve(c));
	return { reference, isRef, template, miner };
}
