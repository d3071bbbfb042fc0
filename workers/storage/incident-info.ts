/**
 * The library summary of a bundle, built the same way whether the bundle is stored in IndexedDB
 * or only held in memory (Node CLI), so both data sources report identical incidents.
 */
import type { Bundle, BundleIssue } from '../bundle/types';
import type { IncidentInfo } from '../data/api';

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

export function buildIncidentInfo(
	bundle: Bundle,
	origin: BundleOrigin,
	importedAt = new Date().toISOString()
): IncidentInfo {
	let points = 0;
	for (const s of bundle.series) points += s.t.length;
	return {
		manifest: bundle.manifest,
		contentHash: origin.contentHash,
		seriesKeys: bundle.series.map((s) => s.key),
		events: bundle.events,
		counts: {
			series: bundle.series.length,
			points,
			logLines: bundle.logs.length,
			events: bundle.events.length
		},
		bytes: origin.bytes,
		importedAt,
		warnings: origin.warnings,
		source: origin.source
	};
}

/** Rows putBundle reports progress over: metric points + log lines + events. */
export function bundleRows(bundle: Bundle): number {
	let rows = bundle.logs.length + bundle.events.length;
	for (const s of bundle.series) rows += s.t.length;
	return rows;
}

/**
 * Rough bytes the bundle occupies once stored (typed arrays at their size, strings at 2 bytes per
 * code unit, small JSON parts ignored), for quota checks before an import.
 */
export function estimateStoredBytes(bundle: Bundle): number {
	let bytes = 0;
	for (const s of bundle.series) bytes += s.t.byteLength + s.v.byteLength + 64;
	const logs = bundle.logs;
	bytes += logs.t.byteLength + logs.level.byteLength + logs.service.byteLength + logs.length * 8;
	for (let i = 0; i < logs.length; i++)
		bytes += 2 * (logs.message[i].length + logs.extra[i].length);
	return bytes;
}
