import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import type { Io } from '../../../src/cli/io';

const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'src/cli/aitia.js');
const GOOD = join(ROOT, 'tests/fixtures/bundles/good');

/** Spawns the real bin from a foreign cwd, as a user would. */
async function spawnCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	try {
		const { stdout, stderr } = await promisify(execFile)('node', [BIN, ...args], { cwd: tmpdir() });
		return { code: 0, stdout, stderr };
	} catch (err) {
		const e = err as { code: number; stdout: string; stderr: string };
		return { code: e.code, stdout: e.stdout, stderr: e.stderr };
	}
}

/** Runs main() in-process with captured output. */
async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
	const out: string[] = [];
	const err: string[] = [];
	const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l) };
	const code = await main(args, io);
	return { code, out, err };
}

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'aitia-cli-'));
	await mkdir(join(dir, 'bad/metrics'), { recursive: true });
	await writeFile(
		join(dir, 'bad/manifest.json'),
		JSON.stringify({
			format: 'aitia.bundle',
			version: 1,
			id: 'bad',
			title: 'Bad',
			services: ['edge'],
			timeRange: { start: '2024-01-01T00:00:00Z', end: '2024-01-01T01:00:00Z' },
			timezone: 'UTC'
		})
	);
	await writeFile(
		join(dir, 'bad/metrics/edge.csv'),
		'timestamp,edge.latency_ms\n2024-01-01T00:00:00Z,abc\nnope,3\n'
	);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const notebook = (cells: unknown[]) =>
	JSON.stringify({
		format: 'aitia.notebook',
		version: 1,
		id: 'nb_cli',
		title: 'CLI test',
		incidentId: 'inc-2024-06-01-checkout',
		createdAt: '2026-01-01T00:00:00.000Z',
		updatedAt: '2026-01-01T00:00:00.000Z',
		cells
	});

// Spawned processes start slowly on a loaded machine (tsx when the bundle is stale): no tight limit.
describe('aitia (spawned bin)', { timeout: 60_000 }, () => {
	it('prints help from any cwd, bundled or from source', async () => {
		const { code, stdout } = await spawnCli(['--help']);
		expect(code).toBe(0);
		expect(stdout).toMatch(/^Usage: aitia <command>/);
		expect(stdout).toMatch(/validate <bundle>/);
		expect(stdout).toMatch(/run <notebook.nb.json> --bundle <path>/);
	});

	it('validates a good bundle with a one-line summary plus warnings', async () => {
		const { code, stdout } = await spawnCli(['validate', GOOD]);
		expect(code).toBe(0);
		const [summary, ...rest] = stdout.trim().split('\n');
		expect(summary).toMatch(
			/^ok inc-2024-06-01-checkout: 4 series, \d+ points, \d+ log lines, \d+ events, \d+ warnings?$/
		);
		for (const line of rest) expect(line).toMatch(/^warning: /);
	});

	it('lists every error of a bad bundle as file:line field — message', async () => {
		const { code, stdout, stderr } = await spawnCli(['validate', join(dir, 'bad')]);
		expect(code).toBe(1);
		const lines = stdout.trim().split('\n');
		expect(lines).toHaveLength(2);
		expect(lines[0]).toMatch(/^metrics\/edge\.csv:2 edge\.latency_ms — /);
		expect(lines[1]).toMatch(/^metrics\/edge\.csv:3 timestamp — /);
		expect(stderr).toMatch(/invalid bundle: 2 errors/);
	});

	it('runs a notebook, one JSON object per cell', async () => {
		const nb = join(dir, 'ok.nb.json');
		await writeFile(
			nb,
			notebook([
				{ id: 'm', kind: 'markdown', name: 'notes', inputs: {}, params: {}, source: '# Hi' },
				{ id: 'd', kind: 'data', name: 'edge', inputs: {}, params: { series: ['edge.*'] } },
				{ id: 'c', kind: 'chart', name: 'plot', inputs: { data: 'edge' }, params: {} },
				{
					id: 's',
					kind: 'stats',
					name: 'st',
					inputs: { data: 'edge' },
					params: { window: 'baseline' }
				}
			])
		);
		const { code, stdout } = await spawnCli(['run', nb, '--bundle', GOOD]);
		expect(code).toBe(0);
		const rows = stdout
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
		expect(rows.map((r) => [r.id, r.name, r.kind, r.status])).toEqual([
			['m', 'notes', 'markdown', 'done'],
			['d', 'edge', 'data', 'done'],
			['c', 'plot', 'chart', 'done'],
			['s', 'st', 'stats', 'done']
		]);
		expect(rows[0].output).toEqual({ type: 'html', html: '<h1>Hi</h1>\n' });
		const series = rows[1].output.series[0];
		expect(Array.isArray(series.t)).toBe(true);
		expect(series.t.length).toBeGreaterThan(0);
		expect(rows[3].output.type).toBe('table');
		for (const r of rows) expect(typeof r.elapsedMs).toBe('number');
	});
});

describe('aitia (in-process)', () => {
	it('exits non-zero when a cell errors, with the error in its row', async () => {
		const nb = join(dir, 'err.nb.json');
		await writeFile(
			nb,
			notebook([
				{ id: 'd', kind: 'data', name: 'edge', inputs: {}, params: { series: ['edge.nope'] } },
				{ id: 'c', kind: 'chart', name: 'plot', inputs: { data: 'edge' }, params: {} },
				{ id: 'x', kind: 'hologram', name: 'h', inputs: {}, params: {} }
			])
		);
		const { code, out } = await cli('run', nb, '--bundle', GOOD);
		expect(code).toBe(1);
		const rows = out.map((l) => JSON.parse(l));
		expect(rows[0]).toMatchObject({ status: 'error', error: expect.stringMatching(/edge\.nope/) });
		expect(rows[1]).toMatchObject({ status: 'error', error: 'upstream cell edge failed' });
		expect(rows[2]).toMatchObject({ status: 'error', error: 'unknown cell kind "hologram"' });
	});

	it('reports usage errors with exit code 2', async () => {
		expect((await cli()).code).toBe(2);
		expect((await cli('frobnicate')).err[0]).toMatch(/unknown command "frobnicate"/);
		const missing = await cli('run', 'x.nb.json');
		expect(missing.code).toBe(2);
		expect(missing.err).toEqual([
			'aitia run: --bundle <path> is required',
			'Usage: aitia run <notebook.nb.json> --bundle <path>'
		]);
		expect((await cli('validate', '--frob', GOOD)).code).toBe(2);
		expect((await cli('validate', join(dir, 'nothing-here'))).code).toBe(2);
	});

	it('rejects a notebook it cannot read', async () => {
		const nb = join(dir, 'future.nb.json');
		await writeFile(nb, JSON.stringify({ format: 'aitia.notebook', version: 99, cells: [] }));
		const { code, err } = await cli('run', nb, '--bundle', GOOD);
		expect(code).toBe(1);
		expect(err[0]).toMatch(/version 99 is newer/);
	});

	it('validates a zipped bundle', async () => {
		const { code, out } = await cli('validate', join(ROOT, 'static/demo/coolant-leak.zip'));
		expect(code).toBe(0);
		expect(out[0]).toMatch(/^ok coolant-leak-b4: /);
	});
});
