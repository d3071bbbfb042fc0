/**
 * Infrastructure logs (plain text): the database log, with lock waits, slow queries and two Java
 * stack traces from the db agent, and host-b4's kernel/BMC log, which quietly tells the real story.
 */
import { byTime, poissonTimes, type LogEntry } from './log-format';
import { createRng, type Rng } from './rng';
import { POINTS, STEP_MS, T0, TIMELINE, type StoryState } from './story';

const MIN = 60_000;

const SOCKET_TRACE = [
	'java.net.SocketTimeoutException: Read timed out',
	'\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)',
	'\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:314)',
	'\tat org.postgresql.core.VisibleBufferedInputStream.readMore(VisibleBufferedInputStream.java:161)',
	'\tat org.postgresql.core.PGStream.receiveChar(PGStream.java:467)',
	'\tat org.postgresql.core.v3.QueryExecutorImpl.processResults(QueryExecutorImpl.java:2155)',
	'\tat io.aitia.dbagent.LagProbe.run(LagProbe.java:74)',
	'\t... 3 more'
];

const POOL_TRACE = [
	'java.sql.SQLTransientConnectionException: agent-pool - Connection is not available, request timed out after 30000ms.',
	'\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)',
	'\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)',
	'\tat io.aitia.dbagent.StatsCollector.collect(StatsCollector.java:52)',
	'Caused by: org.postgresql.util.PSQLException: canceling statement due to lock timeout',
	'\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2713)',
	'\t... 9 more'
];

type Emit = (t: number, level: LogEntry['level'], message: string, more?: string[]) => void;

/** Everyday database chatter, present all night. */
function dbQuiet(db: Emit, t: number, rng: Rng): void {
	const u = rng.next();
	if (u < 0.7) db(t, 'info', 'connection authorized: user=api database=shop');
	else if (u < 0.95) {
		const table = rng.pick(['orders', 'carts', 'sessions']);
		db(t, 'info', `automatic vacuum of table "shop.public.${table}": index scans: 1`);
	} else {
		const ms = rng.int(450, 700);
		db(t, 'warn', `slow query ${ms} ms: SELECT * FROM products WHERE tsv @@ $1 LIMIT 50`);
	}
}

/** Lock trouble, in proportion to the lock pressure `p`. */
function dbStrained(db: Emit, t: number, p: number, rng: Rng): void {
	const u = rng.next();
	const pid = rng.int(4000, 9999);
	if (u < 0.45) {
		const ms = Math.round(300 + 2500 * p * rng.next());
		db(t, 'warn', `slow query ${ms} ms: UPDATE orders SET status = $1 WHERE id = $2`);
	} else if (u < 0.8) {
		const ms = (1000 + 1600 * p * rng.next()).toFixed(3);
		const xid = rng.int(8_000_000, 8_999_999);
		db(
			t,
			'warn',
			`process ${pid} still waiting for ShareLock on transaction ${xid} after ${ms} ms`,
			[
				`\tDETAIL:  Process holding the lock: ${rng.int(4000, 9999)}. Wait queue: ${pid}, ${rng.int(4000, 9999)}.`,
				'\tSTATEMENT:  UPDATE orders SET status = $1 WHERE id = $2'
			]
		);
	} else if (u < 0.93) {
		db(t, 'error', 'canceling statement due to lock timeout', [
			'\tSTATEMENT:  UPDATE inventory SET reserved = reserved + $1 WHERE sku = $2'
		]);
	} else {
		db(t, 'error', 'could not send data to client: Connection reset by peer');
	}
}

export function dbLogs(seed: number, s: StoryState): LogEntry[] {
	const out: LogEntry[] = [];
	const db: Emit = (t, level, message, more) => {
		out.push({ t, level, service: 'db', message, more });
	};
	// Checkpoints every 5 minutes (checkpoint_timeout), like clockwork.
	const ck = createRng(seed, 'log-db-checkpoint');
	for (let t = T0 + 5 * MIN; t < T0 + POINTS * STEP_MS; t += 5 * MIN) {
		const buffers = ck.int(900, 2600);
		const pct = (buffers / 870).toFixed(1);
		db(t + ck.int(0, 900), 'info', `checkpoint complete: wrote ${buffers} buffers (${pct}%)`);
	}
	poissonTimes(
		seed,
		'log-db',
		(i) => 0.5 * s.traffic[i] + 3 * s.lockPressure[i],
		(t, i, rng) => {
			const p = s.lockPressure[i];
			if (rng.next() >= (3 * p) / (0.5 * s.traffic[i] + 3 * p)) dbQuiet(db, t, rng);
			else dbStrained(db, t, p, rng);
		}
	);
	const probeAt = TIMELINE.leak + 45 * MIN + 7_412;
	db(probeAt, 'error', 'db-agent: replication lag probe failed', SOCKET_TRACE);
	db(TIMELINE.leak + 74 * MIN + 3_118, 'error', 'db-agent: stats collection failed', POOL_TRACE);
	return byTime(out);
}

export function hostLogs(seed: number, s: StoryState): LogEntry[] {
	const out: LogEntry[] = [];
	const rng = createRng(seed, 'log-host');
	const host = (t: number, level: LogEntry['level'], message: string, bare = false): void => {
		out.push({ t, level, service: 'host-b4', message, bare });
	};
	for (let t = T0 + 3 * MIN; t < T0 + POINTS * STEP_MS; t += 10 * MIN) {
		host(t + rng.int(0, 5_000), 'info', `ipmi: sensor poll ok (42 sensors, ${rng.int(11, 19)} ms)`);
	}
	for (let h = 0; h < 6; h++)
		host(
			T0 + h * 60 * MIN + 17_000,
			'info',
			'systemd: Started logrotate.service - Rotate log files.',
			true
		);
	// The BMC noticed the pressure drop early; nobody reads this log during an outage.
	for (let t = TIMELINE.leak + 6 * MIN; t < TIMELINE.mitigation; t += 5 * MIN) {
		host(
			t + rng.int(0, 3_000),
			'warn',
			`bmc: coolant loop B4-2 pressure low (${(1.3 - (t - TIMELINE.leak) / (300 * MIN)).toFixed(2)} bar, threshold 1.50 bar)`
		);
	}
	host(TIMELINE.mitigation + 4 * MIN, 'info', 'bmc: coolant loop B4-2 pressure normal (1.62 bar)');
	const events = new Array<number>(16).fill(0);
	const throttled = new Array<boolean>(16).fill(false);
	for (let i = 0; i < POINTS; i++) {
		const t = T0 + i * STEP_MS;
		for (let cpu = 0; cpu < 16; cpu++) {
			const hot = s.throttle[i] > 0.05 + cpu * 0.01;
			if (hot && rng.next() < 0.05) {
				events[cpu]++;
				throttled[cpu] = true;
				host(
					t + rng.int(0, STEP_MS - 1),
					'warn',
					`kernel: CPU${cpu}: Core temperature above threshold, cpu clock throttled (total events = ${events[cpu]})`
				);
			} else if (!hot && throttled[cpu]) {
				throttled[cpu] = false;
				host(
					t + rng.int(0, STEP_MS - 1),
					'info',
					`kernel: CPU${cpu}: Core temperature/speed normal`
				);
			}
		}
		if (s.temp[i] > 88 && i % 20 === 0) {
			host(
				t + 500,
				'warn',
				`bmc: fan FAN${1 + (i % 6)} at ${rng.int(9400, 9900)} rpm (above 90% duty)`
			);
		}
	}
	return byTime(out);
}
