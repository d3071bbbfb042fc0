/**
 * A real Prometheus (Debian's `prometheus` and `prometheus-node-exporter`, installed by .ci/run)
 * on loopback ports of its own with a temporary data dir: it scrapes itself and the exporter for
 * about a minute, `aitia capture` takes that window, the bundle is imported and a notebook runs
 * on it. Both daemons are stopped by their PIDs. Skipped (with this reason) when not installed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from '../../support/net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { parseBundle } from '../../../workers/bundle/parse';

const PROMETHEUS = '/usr/bin/prometheus';
const EXPORTER = '/usr/bin/prometheus-node-exporter';
const HAVE = existsSync(PROMETHEUS) && existsSync(EXPORTER);
const SCRAPE_SECONDS = 60;

const children: ChildProcess[] = [];
const dir = mkdtempSync(join(tmpdir(), 'aitia-prom-'));

function start(cmd: string, args: string[], log: string): ChildProcess {
	const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
	child.stderr?.on('data', (d: Buffer) => writeFileSync(join(dir, log), d, { flag: 'a' }));
	children.push(child);
	return child;
}

/**
 * Waits until `url` answers OK with a body that names Prometheus ("Prometheus Server is Ready."):
 * any server that took the port first would also answer, and the queries would then read its
 * landing page (a run once failed so, node-exporter's page served on Prometheus's port).
 */
async function waitReady(url: string, ms: number): Promise<void> {
	const until = Date.now() + ms;
	for (;;) {
		const res = await fetch(url).catch(() => undefined); // undefined: not listening yet
		if (res?.ok) {
			const text = await res.text();
			if (/prometheus/i.test(text)) return;
			throw new Error(`${url} is not Prometheus: ${text.slice(0, 120)}`);
		}
		if (Date.now() > until) throw new Error(`${url} not ready after ${ms / 1000} s`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

async function stopAll(): Promise<void> {
	await Promise.all(
		children.map(
			(c) =>
				new Promise<void>((resolve) => {
					if (c.exitCode !== null || c.pid === undefined) return resolve();
					c.once('exit', () => resolve());
					process.kill(c.pid, 'SIGTERM');
				})
		)
	);
}

afterAll(async () => {
	await stopAll();
	rmSync(dir, { recursive: true, force: true });
});

const NAME = HAVE
	? 'captures a real Prometheus scraping itself and node-exporter, imports it and runs a notebook'
	: `SKIPPED: ${PROMETHEUS} / ${EXPORTER} not installed (apt-get install prometheus prometheus-node-exporter; .ci/run does it)`;

describe('aitia capture against a real Prometheus', () => {
	it.skipIf(!HAVE)(NAME, { timeout: 240_000 }, async () => {
		// Two different ports: the OS may hand back a port it just gave and took back.
		const promPort = await freePort();
		let nodePort = await freePort();
		while (nodePort === promPort) nodePort = await freePort();
		const config = join(dir, 'prometheus.yml');
		writeFileSync(
			config,
			`global:\n  scrape_interval: 2s\nscrape_configs:\n` +
				`  - job_name: prometheus\n    static_configs: [{ targets: ['127.0.0.1:${promPort}'] }]\n` +
				`  - job_name: node\n    static_configs: [{ targets: ['127.0.0.1:${nodePort}'] }]\n`
		);
		start(EXPORTER, [`--web.listen-address=127.0.0.1:${nodePort}`], 'exporter.log');
		start(
			PROMETHEUS,
			[
				`--config.file=${config}`,
				`--storage.tsdb.path=${join(dir, 'data')}`,
				`--web.listen-address=127.0.0.1:${promPort}`
			],
			'prometheus.log'
		);
		const base = `http://127.0.0.1:${promPort}`;
		await waitReady(`${base}/-/ready`, 60_000);
		const from = new Date(Date.now() - 1000).toISOString();
		await new Promise((r) => setTimeout(r, SCRAPE_SECONDS * 1000));
		const to = new Date().toISOString();
		const zip = join(dir, 'incident.zip');
		const lines: string[] = [];
		const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
		const code = await main(
			[
				'capture',
				...['--prometheus', base, '--from', from, '--to', to, '--out', zip],
				...['--query', 'up', '--query', 'rate(process_cpu_seconds_total[10s])'],
				...['--query', 'node_load1', '--query', 'sum by (job) (scrape_duration_seconds)']
			],
			io
		);
		expect(code, lines.join('\n')).toBe(0);
		const parsed = await parseBundle([{ path: 'incident.zip', bytes: readFileSync(zip) }]);
		if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
		const b = parsed.bundle;
		expect(b.manifest.services).toEqual(expect.arrayContaining(['node', 'prometheus']));
		const up = b.series.find((s) => s.key === `prometheus.up{instance="127.0.0.1:${promPort}"}`);
		expect(up, b.series.map((s) => s.key).join(', ')).toBeDefined();
		expect(up!.t.length).toBeGreaterThan(30);
		expect(up!.v.filter((v) => v === 1).length).toBeGreaterThan(20);
		expect(b.manifest.description).toContain('`node_load1`');

		const keys = [up!.key, b.series.find((s) => s.service === 'node')!.key];
		const nb = {
			format: 'aitia.notebook',
			version: 1,
			id: 'real-prom',
			title: 'Real Prometheus',
			incidentId: b.manifest.id,
			createdAt: '2026-01-01T00:00:00.000Z',
			updatedAt: '2026-01-01T00:00:00.000Z',
			cells: [
				{
					id: 'c1',
					kind: 'data',
					name: 'signals',
					inputs: {},
					params: { series: keys, logs: false, events: false, range: 'all' }
				},
				{
					id: 'c2',
					kind: 'windows',
					name: 'windows',
					inputs: { data: 'signals' },
					params: { series: [], windowMinutes: 1 }
				}
			]
		};
		const nbPath = join(dir, 'real.nb.json');
		writeFileSync(nbPath, JSON.stringify(nb));
		const cells: string[] = [];
		const runCode = await main(['run', nbPath, '--bundle', zip], {
			out: (l) => cells.push(l),
			err: (l) => cells.push(l)
		});
		expect(runCode, cells.join('\n')).toBe(0);
		const results = cells.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
		expect(results.map((r) => r.status)).toEqual(['done', 'done']);
	});
});
