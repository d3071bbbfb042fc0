/**
 * The windows a ranking compares, from the manifest and the run's overrides. The incident window
 * starts before the onset (by `leadFraction` of the incident's length, never inside the baseline),
 * because causes precede the symptoms users notice: the demo's leak starts 12 minutes before the
 * declared onset. A manifest that declares no time at all gets the onset and baseline proposed from
 * the data (TimeFacts.proposed), and the windows' sources say so.
 */
import type { RcaWindows, Window } from './types';
import { readTime, readWindow } from '../bundle/time-args';
import type { ProposedWindows } from '../bundle/sources/propose';
import { formatDuration } from '../shared/duration';

/** What the manifest (or the user) says about time. */
export interface TimeFacts {
	timeRange: Window;
	onset?: number;
	baseline?: Window;
	/** Explicit incident window (manifest v2 `incident`). */
	incident?: Window;
	/** Proposed from the data (IncidentInfo.proposed): used only when nothing above is declared. */
	proposed?: ProposedWindows;
}

/** Run-time overrides (cell params, CLI options); each wins over the manifest. */
export interface WindowOverrides {
	onset?: number;
	baseline?: Window;
	incident?: Window;
}

export class WindowError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'WindowError';
	}
}

/** Overrides as typed in the root-cause cell ('' or missing = the manifest's). */
export interface RawWindowOverrides {
	onset?: string;
	baseline?: string;
	incident?: string;
}

/** Reads typed overrides in the bundle's zone; a bad one is a WindowError naming the field. */
export function parseWindowOverrides(raw: RawWindowOverrides, zone: string): WindowOverrides {
	const time = (label: string, text: string) => {
		const t = readTime(text, zone);
		if (t === undefined)
			throw new WindowError(`${label}: "${text}" is not a time (ISO 8601 or epoch)`);
		return t;
	};
	const window = (label: string, text: string) => {
		const w = readWindow(text, zone);
		if (!('error' in w)) return w;
		if (w.error === 'shape') throw new WindowError(`${label}: write it as <start>..<end>`);
		if (w.error === 'time')
			throw new WindowError(`${label}: "${w.part}" is not a time (ISO 8601 or epoch)`);
		throw new WindowError(`${label}: the start must be before the end`);
	};
	const onset = raw.onset?.trim();
	const baseline = raw.baseline?.trim();
	const incident = raw.incident?.trim();
	return {
		onset: onset ? time('Onset', onset) : undefined,
		baseline: baseline ? window('Baseline', baseline) : undefined,
		incident: incident ? window('Incident window', incident) : undefined
	};
}

const valid = (w: Window) => Number.isFinite(w.start) && Number.isFinite(w.end) && w.start < w.end;

export function resolveWindows(
	facts: TimeFacts,
	over: WindowOverrides = {},
	leadFraction = 0.25
): RcaWindows {
	let onset = over.onset ?? facts.onset;
	let baseline = over.baseline ?? facts.baseline;
	let baselineSource = over.baseline ? 'set for this run' : 'manifest baseline';
	let onsetNote = '';
	if (onset === undefined && !baseline && facts.proposed) {
		// Neither declared nor set: the data's own first anomaly, named so it can be checked.
		const p = facts.proposed;
		onset = p.onset;
		onsetNote = `; onset ${new Date(p.onset).toISOString()} proposed from the data (first anomaly${p.series ? ` of ${p.series}` : ''}): declare or set an onset or baseline to override`;
		if (p.baseline) {
			baseline = p.baseline;
			baselineSource = 'proposed from the data: the quietest stretch before its first anomaly';
		}
	}
	if (!baseline && onset !== undefined && onset > facts.timeRange.start) {
		baseline = { start: facts.timeRange.start, end: onset - 1 };
		baselineSource = 'everything before the onset (no baseline declared)';
	}
	if (!baseline)
		throw new WindowError(
			'no baseline window: declare "baseline" in manifest.json, give an onset, or set one for this run'
		);
	if (!valid(baseline)) throw new WindowError('the baseline window is empty or reversed');
	let incident = over.incident ?? (over.onset === undefined ? facts.incident : undefined);
	let incidentSource = over.incident ? 'set for this run' : 'manifest incident window';
	if (!incident) {
		const end = facts.timeRange.end;
		if (onset !== undefined) {
			const lead = Math.max(0, leadFraction * (end - onset));
			incident = { start: Math.max(baseline.end + 1, onset - lead), end };
			const from = lead > 0 ? `${formatDuration(lead)} before the onset` : 'the onset';
			incidentSource = `from ${from} to the end of the bundle`;
		} else {
			incident = { start: baseline.end + 1, end };
			incidentSource = 'everything after the baseline (no onset declared)';
		}
	}
	// A one-sample incident (a single anomalous request) is a window of zero length: allowed.
	if (!(incident.start <= incident.end)) throw new WindowError('the incident window is reversed');
	if (incident.start <= baseline.end && incident.end >= baseline.start)
		throw new WindowError('the incident window overlaps the baseline');
	return {
		baseline,
		incident,
		onset,
		source: { baseline: baselineSource, incident: incidentSource + onsetNote }
	};
}
