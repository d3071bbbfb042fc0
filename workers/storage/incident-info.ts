/**
 * The library summary of a bundle, built the same way whether the bundle is stored in IndexedDB
 * or only held in memory (Node CLI), so both data sources report identical incidents. A manifest
 * without onset and baseline gets them proposed from the metrics here (`proposed`), once.
 */
import type { Bundle, BundleIssue } from '../bundle/types';
import type { IncidentInfo } from '../data/api';
import { proposeWindows } from '../bundle/sources/propose';

/** What the importer knows about a bundle besides its content. */
export interface BundleOrigin {
	/** SHA-256 hex of the bundle's files. */
	contentHash: string;
	/** Input size in bytes. */
	bytes: number;
	/** File or folder name the bundle came from. */
	source: string;
	/** Warnings raised while parsing. */
	warnings: BundleIssue[];
}

/** A bundle as far as its summary goes: its log lines and spans may be stored already (staged). */
export type BundleShape = Omit<Bundle, 'logs' | 'traces'> & {
	logs: { length: number };
	traces: { length: number };
};

export function buildIncidentInfo(
	bundle: BundleShape,
	origin: BundleOrigin,
	importedAt = new Date().toISOString()
): IncidentInfo {
	let points = 0;
	for (const s of bundle.series) points += s.t.length;
	const info: IncidentInfo = {
		manifest: bundle.manifest,
		contentHash: origin.contentHash,
		seriesKeys: bundle.series.map((s) => s.key),
		events: bundle.events,
		counts: {
			series: bundle.series.length,
			points,
			logLines: bundle.logs.length,
			spans: bundle.traces.length,
			events: bundle.events.length
		},
		bytes: origin.bytes,
		importedAt,
		warnings: origin.warnings,
		source: origin.source,
		topology: bundle.topology,
		annotations: bundle.annotations
	};
	const m = bundle.manifest;
	if (m.onset === undefined && !m.baseline) {
		const proposed = proposeWindows(bundle.series, m.timeRange.start);
		if (proposed) info.proposed = proposed;
	}
	return info;
}

/** Rows putBundle reports progress over: metric points + log lines + spans + events. */
export function bundleRows(bundle: BundleShape): number {
	let rows = bundle.logs.length + bundle.traces.length + bundle.events.length;
	for (const s of bundle.series) rows += s.t.length;
	return rows;
}
