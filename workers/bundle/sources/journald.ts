/**
 * journald exports (`journalctl -o json`): one JSON object per line with __REALTIME_TIMESTAMP
 * (microseconds), PRIORITY (syslog 0–7) and MESSAGE (a string, or an array of bytes when the
 * message is not valid UTF-8). The service is the systemd unit (without `.service`), else the
 * syslog identifier, else the command name.
 */
import type { Collected } from '../collected';
import { RangeTally, ServiceTally, type ParseContext } from '../context';
import { forEachJsonLine } from '../jsonl';
import { DEFAULT_LEVEL } from '../log-table';
import { isObject } from './common';

/** syslog priority → level index: 0–2 fatal, 3 error, 4 warn, 5–6 info, 7 debug. */
const PRIORITY_LEVEL = [5, 5, 5, 4, 3, 2, 2, 1];
/** Trusted fields worth keeping next to user fields (the other `_…` fields are per-boot noise). */
const KEPT_TRUSTED = ['_HOSTNAME', '_PID', '_SYSTEMD_UNIT', '_COMM', '_TRANSPORT'];

function serviceOf(rec: Record<string, unknown>): string {
	const unit = rec._SYSTEMD_UNIT;
	if (typeof unit === 'string' && unit !== '') return unit.replace(/\.service$/, '');
	for (const k of ['SYSLOG_IDENTIFIER', '_COMM']) {
		if (typeof rec[k] === 'string' && rec[k] !== '') return rec[k] as string;
	}
	return 'journald';
}

function messageOf(v: unknown): string | undefined {
	if (typeof v === 'string') return v;
	if (v === null || v === undefined) return '';
	if (Array.isArray(v) && v.every((b) => typeof b === 'number')) {
		return new TextDecoder().decode(Uint8Array.from(v as number[]));
	}
	return undefined;
}

export async function readJournald(
	ctx: ParseContext,
	file: string,
	text: string,
	into: Collected
): Promise<void> {
	const range = new RangeTally(ctx, file);
	const services = new ServiceTally(ctx, file, '_SYSTEMD_UNIT');
	await forEachJsonLine(ctx, file, text, (rec, line) => {
		if (!isObject(rec)) {
			ctx.issues.error({ file, line, expected: 'a journal entry object', got: rec });
			return;
		}
		const raw = rec.__REALTIME_TIMESTAMP;
		const us = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : undefined;
		const message = messageOf(rec.MESSAGE);
		if (us === undefined) {
			const expected = 'microseconds since the epoch as a string of digits';
			ctx.issues.error({ file, line, field: '__REALTIME_TIMESTAMP', expected, got: raw });
		}
		if (message === undefined) {
			const expected = 'a string (or an array of bytes)';
			ctx.issues.error({ file, line, field: 'MESSAGE', expected, got: rec.MESSAGE });
		}
		if (us === undefined || message === undefined) return;
		const p = Number(rec.PRIORITY);
		const level = Number.isInteger(p) && p >= 0 && p <= 7 ? PRIORITY_LEVEL[p] : DEFAULT_LEVEL;
		const extra: Record<string, unknown> = {};
		for (const k in rec) {
			if (k === 'MESSAGE' || k === 'PRIORITY' || k.startsWith('__')) continue;
			if (!k.startsWith('_') || KEPT_TRUSTED.includes(k)) extra[k] = rec[k];
		}
		const t = Math.floor(us / 1000);
		const service = serviceOf(rec);
		into.logs.add(t, level, service, message, JSON.stringify(extra));
		range.check(t, line);
		services.check(service, line);
	});
	range.flush('entries');
	services.flush('entries');
}
