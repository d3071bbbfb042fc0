/**
 * TrainTicket log lines of the Nezha dataset (../shared/datasets/rca-nezha-trainticket, MIT): every
 * fault and fault-free minute file, each line with its pod's service and its log statement
 * (`t.s.TravelServiceImpl#372`: class and source line). The statement is the ground truth of
 * grouping: lines written by one statement are one event. `text` is the line without the clock,
 * trace/span ids and the statement itself (which would give the answer away), as the eval embeds it.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { podService, readCsv } from '../rca/nezha';

export const TRAINTICKET = path.resolve(
	import.meta.dirname,
	'../../../../shared/datasets/rca-nezha-trainticket'
);

/** One TrainTicket log line. */
export interface TrainTicketLine {
	/** The line as logged (clock, level, statement, trace ids, message). */
	raw: string;
	/** Level and message only (see the file comment). */
	text: string;
	/** Service of the pod that logged it. */
	service: string;
	/** Log statement `class#line`; '' when the line names none. */
	statement: string;
}

const LINE = /^\S+\s+(\w+)\s+(\S+#\d+)\s+(?:TraceID: \S+\s+SpanID: \S+\s+)?(.*)$/s;

/** Every log file, fault minutes and fault-free windows, in a fixed order. */
export function trainTicketLogFiles(root = TRAINTICKET): string[] {
	const out: string[] = [];
	for (const phase of ['normal', 'fault'])
		for (const day of readdirSync(path.join(root, phase)).sort()) {
			const dir = path.join(root, phase, day, 'log');
			if (existsSync(dir)) for (const f of readdirSync(dir).sort()) out.push(path.join(dir, f));
		}
	return out;
}

/** Parses one `{"log": …}` record of a log CSV. */
export function parseTrainTicketLine(rawField: string, pod: string): TrainTicketLine {
	let raw = rawField;
	try {
		raw = (JSON.parse(rawField) as { log: string }).log.trimEnd();
	} catch {
		/* keep the raw text */
	}
	const m = LINE.exec(raw);
	return {
		raw,
		text: m ? `${m[1]} ${m[3]}` : raw,
		service: podService(pod),
		statement: m?.[2] ?? ''
	};
}

/** All lines of the given files (default: every file). */
export function readTrainTicketLines(files = trainTicketLogFiles()): TrainTicketLine[] {
	const out: TrainTicketLine[] = [];
	for (const file of files) {
		const { header, rows } = readCsv(file);
		const logAt = header.indexOf('Log');
		const podAt = header.indexOf('PodName');
		for (const r of rows) {
			// A few records carry unquoted commas: the Log field is everything after the 7th comma.
			const field = r.length > header.length ? r.slice(logAt).join(',') : r[logAt];
			out.push(parseTrainTicketLine(field, r[podAt]));
		}
	}
	return out;
}
