import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OptionSpecs } from '../../../src/cli/commands/command';
import { UsageError, type Io } from '../../../src/cli/io';
import { COMMANDS, main } from '../../../src/cli/main';
import { joinNegativeValues, optionValue, parseCommandLine } from '../../../src/cli/options';

/** Runs main() in-process with captured output. */
async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
	const out: string[] = [];
	const err: string[] = [];
	const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l) };
	const code = await main(args, io);
	return { code, out, err };
}

const SPECS = {
	depth: { type: 'number', integer: true, min: -1, default: -1 },
	alpha: { type: 'number', min: 0, max: 1, exclusive: true },
	bundle: { type: 'string', short: 'b' },
	format: { type: 'enum', values: ['matrix', 'json'], default: 'matrix' },
	cols: { type: 'list', of: 'string' },
	weights: { type: 'list', of: 'number' },
	refute: { type: 'boolean' }
} satisfies OptionSpecs;

const usageMessage = (fn: () => unknown): string => {
	try {
		fn();
	} catch (err) {
		if (err instanceof UsageError) return err.message;
		throw err;
	}
	throw new Error('no UsageError thrown');
};

describe('joinNegativeValues', () => {
	it('glues a negative number to the option before it', () => {
		expect(joinNegativeValues(SPECS, ['--depth', '-1', 'f.csv'])).toEqual(['--depth=-1', 'f.csv']);
		expect(joinNegativeValues(SPECS, ['--alpha', '-.5'])).toEqual(['--alpha=-.5']);
		expect(joinNegativeValues(SPECS, ['-b', '-2e3'])).toEqual(['--bundle=-2e3']);
	});

	it('leaves flags, words, explicit = and everything after -- alone', () => {
		expect(joinNegativeValues(SPECS, ['--refute', '-1'])).toEqual(['--refute', '-1']);
		expect(joinNegativeValues(SPECS, ['--bundle', '-x'])).toEqual(['--bundle', '-x']);
		expect(joinNegativeValues(SPECS, ['--depth=-1'])).toEqual(['--depth=-1']);
		expect(joinNegativeValues(SPECS, ['--', '--depth', '-1'])).toEqual(['--', '--depth', '-1']);
		expect(joinNegativeValues(SPECS, ['--toString', '-1'])).toEqual(['--toString', '-1']);
	});
});

describe('parseCommandLine', () => {
	it('yields typed values with defaults', () => {
		const { values, positionals } = parseCommandLine(SPECS, [
			'f.csv',
			'--depth',
			'-1',
			'--alpha',
			'0.01',
			'--cols',
			'a, b,,c',
			'--cols',
			'd',
			'--weights=-1,2.5'
		]);
		expect(positionals).toEqual(['f.csv']);
		expect(values).toEqual({
			depth: -1,
			alpha: 0.01,
			bundle: undefined,
			format: 'matrix',
			cols: ['a', 'b', 'c', 'd'],
			weights: [-1, 2.5],
			refute: false
		});
	});

	it('names the option, what it expects and what it got', () => {
		const msg = (...argv: string[]) => usageMessage(() => parseCommandLine(SPECS, argv));
		expect(msg('--alpha', 'abc')).toBe(
			'--alpha must be a number between 0 and 1 (exclusive), got "abc"'
		);
		expect(msg('--alpha', '1')).toMatch(/^--alpha must be a number between 0 and 1/);
		expect(msg('--alpha', '')).toMatch(/got ""$/);
		expect(msg('--depth', '-2')).toBe('--depth must be an integer ≥ -1, got "-2"');
		expect(msg('--depth', '1.5')).toBe('--depth must be an integer ≥ -1, got "1.5"');
		expect(msg('--format', 'csv')).toBe('--format must be matrix or json, got "csv"');
		expect(msg('--weights', '1,x')).toBe(
			'--weights must be a comma-separated list of numbers, got "1,x"'
		);
		expect(msg('--alhpa', '0.1')).toBe('unknown option --alhpa; did you mean --alpha?');
		expect(msg('--refute=yes')).toMatch(/does not take an argument/);
	});

	it('does not validate values when help is asked for', () => {
		expect(parseCommandLine(SPECS, ['--alpha', 'abc', '-h']).help).toBe(true);
	});

	it('keeps list defaults apart from the values handed out', () => {
		const spec = { type: 'list', of: 'string', default: ['a'] } as const;
		const first = optionValue('x', spec, undefined) as string[];
		first.push('b');
		expect(optionValue('x', spec, undefined)).toEqual(['a']);
	});
});

describe('command option specs', () => {
	it("accept every command's own defaults", () => {
		for (const command of COMMANDS) {
			for (const [name, spec] of Object.entries(command.options)) {
				if (spec.type === 'boolean' || spec.default === undefined) continue;
				const raw = Array.isArray(spec.default) ? spec.default.join(',') : String(spec.default);
				expect(optionValue(name, spec, raw), `${command.name} --${name}`).toEqual(spec.default);
			}
		}
	});
});

function chainFile(): string {
	const dir = mkdtempSync(join(tmpdir(), 'aitia-opts-'));
	const rows = ['a b c'];
	for (let i = 0; i < 200; i++) {
		const a = Math.sin(i * 1.7);
		const b = a + 0.3 * Math.cos(i * 2.3);
		rows.push(`${a.toFixed(4)} ${b.toFixed(4)} ${(b + 0.3 * Math.sin(i * 3.1)).toFixed(4)}`);
	}
	const file = join(dir, 'chain.txt');
	writeFileSync(file, rows.join('\n') + '\n');
	return file;
}

describe('aitia (in-process) options', () => {
	const lalonde = new URL('../../fixtures/causal/lalonde/lalonde.csv', import.meta.url).pathname;

	it('takes negative numbers as option values', async () => {
		const file = chainFile();
		const r = await cli('pc', file, '--uc-priority', '-1', '--depth', '-1', '--format', 'json');
		expect(r.err).toEqual([]);
		expect(r.code).toBe(0);
		expect(JSON.parse(r.out[0]).options).toMatchObject({ ucPriority: -1, depth: -1 });
		const ate = await cli(
			'ate',
			lalonde,
			'--treatment',
			'treat',
			'--outcome',
			're78',
			'--threshold',
			'-0.5'
		);
		expect(ate.code).toBe(0);
	});

	it('exits 2 with the message and usage for a bad value', async () => {
		const r = await cli('pc', chainFile(), '--alpha', 'abc');
		expect(r.code).toBe(2);
		expect(r.err[0]).toBe(
			'aitia pc: --alpha must be a number between 0 and 1 (exclusive), got "abc"'
		);
		expect(r.err[1]).toMatch(/^Usage: aitia pc /);
		const ate = await cli('ate', lalonde, '--treatment', 't', '--outcome', 'y', '--threshold', 'x');
		expect(ate.err[0]).toBe('aitia ate: --threshold must be a number, got "x"');
		const k = await cli('search', 'b.zip', 'query', '--k', '0');
		expect(k.err[0]).toBe('aitia search: --k must be an integer ≥ 1, got "0"');
		const fmt = await cli('templates', 'x.log', '--format', 'xml');
		expect(fmt.err[0]).toBe('aitia templates: --format must be text or jsonl, got "xml"');
		const horizon = await cli('forecast', 'x.csv', '--horizon', 'soon');
		expect(horizon.code).toBe(2);
		expect(horizon.err[0]).toMatch(/^aitia forecast: --horizon must be a positive duration/);
	});

	it('suggests close names for a mistyped command', async () => {
		const r = await cli('forcast');
		expect(r.code).toBe(2);
		expect(r.err[0]).toMatch(/unknown command "forcast"; did you mean forecast\?/);
	});

	it('suggests close column names', async () => {
		const file = join(mkdtempSync(join(tmpdir(), 'aitia-col-')), 'edge.csv');
		const rows = ['timestamp,edge.latency_ms,edge.latency_p99_ms,db.cpu_pct'];
		for (let i = 0; i < 5; i++) rows.push(`2024-01-01T00:0${i}:00Z,${i},${2 * i},${3 * i}`);
		writeFileSync(file, rows.join('\n') + '\n');
		const r = await cli('anomalies', file, '--column', 'edge.latncy_ms');
		expect(r.code).toBe(2);
		expect(r.err[0]).toBe(
			'aitia anomalies: no column "edge.latncy_ms"; did you mean edge.latency_ms, ' +
				'edge.latency_p99_ms? (columns: edge.latency_ms, edge.latency_p99_ms, db.cpu_pct)'
		);
	});

	it('assumes the SLO the default notebook does, and takes --slo none', async () => {
		const file = join(mkdtempSync(join(tmpdir(), 'aitia-slo-')), 'edge.csv');
		const rows = ['timestamp,edge.latency_ms,db.cpu_pct'];
		// Latency climbs 100 ms a minute from 500: it crosses 1000 ms within the 30 min horizon.
		for (let i = 0; i < 6; i++) rows.push(`2024-01-01T00:0${i}:00Z,${500 + 100 * i},${50 + i}`);
		writeFileSync(file, rows.join('\n') + '\n');
		const run = async (...more: string[]) => {
			const r = await cli('forecast', file, ...more);
			expect(r.err).toEqual([]);
			return JSON.parse(r.out[0]) as { slo: number | null; breach: unknown };
		};
		const latency = await run('--column', 'edge.latency_ms');
		expect(latency.slo).toBe(1000);
		expect(latency.breach).not.toBeNull();
		// A CPU percentage has no SLO anyone set: the projection only.
		const cpu = await run('--column', 'db.cpu_pct');
		expect(cpu).toMatchObject({ slo: null, breach: null });
		expect(await run('--column', 'edge.latency_ms', '--slo', 'none')).toMatchObject({
			slo: null,
			breach: null
		});
		expect((await run('--column', 'db.cpu_pct', '--slo', '52')).slo).toBe(52);
		const bad = await cli('forecast', file, '--slo', 'high');
		expect(bad.code).toBe(2);
		expect(bad.err[0]).toBe(
			`aitia forecast: --slo must be a number in the series' unit, or none, got "high"`
		);
	});

	it('--fit: the regime the detector sees by default, the last --window points with recent', async () => {
		const file = join(mkdtempSync(join(tmpdir(), 'aitia-fit-')), 'lat.csv');
		const rows = ['timestamp,latency_ms'];
		// 300 calm minutes near 100 ms, then 30 minutes climbing 8 ms a minute.
		for (let i = 0; i < 330; i++) {
			const t = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
			const v = (i < 300 ? 100 : 100 + 8 * (i - 299)) + 2 * Math.sin(i * 1.7);
			rows.push(`${t},${v.toFixed(3)}`);
		}
		writeFileSync(file, rows.join('\n') + '\n');
		type Out = { fit: { basis: string; points: number; anomaly?: { start: string } } };
		const run = async (...more: string[]) => {
			const r = await cli('forecast', file, ...more);
			expect(r.err).toEqual([]);
			return JSON.parse(r.out[0]) as Out;
		};
		const regime = await run();
		expect(regime.fit.basis).toBe('since-onset');
		expect(regime.fit.points).toBeLessThan(50);
		expect(Date.parse(regime.fit.anomaly!.start)).toBeGreaterThanOrEqual(
			Date.UTC(2024, 0, 1, 4, 59)
		);
		expect((await run('--fit', 'recent')).fit).toMatchObject({ basis: 'recent', points: 50 });
		// --replay: the first sample whose own forecast breached (the climb), or null.
		type Replayed = Out & { firstAlert: { at: string; breach: { at: string } } | null };
		const replayed = (await run('--replay', '--slo', '400')) as Replayed;
		const at = Date.parse(replayed.firstAlert!.at);
		expect(at).toBeGreaterThan(Date.UTC(2024, 0, 1, 5, 0));
		expect(at).toBeLessThan(Date.parse(replayed.firstAlert!.breach.at));
		expect(((await run('--replay', '--slo', '5000')) as Replayed).firstAlert).toBeNull();
		expect('firstAlert' in (await run())).toBe(false);
		const bad = await cli('forecast', file, '--fit', 'sideways');
		expect(bad.code).toBe(2);
		expect(bad.err[0]).toMatch(/^aitia forecast: --fit must be regime or recent/);
	});

	it('--z moves the cut-off of auto, mad and nsigma; absent, each detector keeps 3.5', async () => {
		const file = join(mkdtempSync(join(tmpdir(), 'aitia-z-')), 'x.csv');
		const rows = ['timestamp,value'];
		// 600 points of a deterministic wiggle, with bumps of 4, 8 and 40 units late in the file.
		for (let i = 0; i < 600; i++) {
			const bump = i === 450 ? 4 : i === 500 ? 8 : i === 550 ? 40 : 0;
			const t = new Date(Date.UTC(2024, 0, 1) + i * 300_000).toISOString();
			rows.push(`${t},${(10 + Math.sin(i * 1.7) + bump).toFixed(4)}`);
		}
		writeFileSync(file, rows.join('\n') + '\n');
		const found = async (...more: string[]) => {
			const r = await cli('anomalies', file, ...more);
			expect(r.err).toEqual([]);
			const o = JSON.parse(r.out[0]) as { alerts?: unknown[]; anomalies?: unknown[] };
			return (o.alerts ?? o.anomalies ?? []).length;
		};
		for (const detector of ['auto', 'mad', 'nsigma']) {
			const d = ['--detector', detector];
			const byDefault = await found(...d);
			expect(await found(...d, '--z', '3.5')).toBe(byDefault);
			expect(await found(...d, '--z', '1000')).toBeLessThan(byDefault);
		}
		const bad = await cli('anomalies', file, '--z', '0');
		expect(bad.err[0]).toBe('aitia anomalies: --z must be a number > 0, got "0"');
	});

	it('reads a series of any export the importer reads (CloudWatch, Datadog JSON)', async () => {
		const fixtures = new URL('../../fixtures/sources/', import.meta.url).pathname;
		const cw = `${fixtures}cloudwatch/get-metric-data.json`;
		// Several series and no --column: the first, with a warning naming the others.
		const first = await cli('anomalies', cw);
		expect(first.code).toBe(0);
		expect(first.err[0]).toMatch(
			/^warning: .*get-metric-data\.json: 3 series; read get-metric-data\.CPUUtilization\{id="m1"\} \(choose with --column: /
		);
		const m1 = JSON.parse(first.out[0]) as { column: string; points: number; alerts: unknown[] };
		expect(m1).toMatchObject({ column: 'get-metric-data.CPUUtilization{id="m1"}', points: 60 });
		// The step at 13:20 is found.
		expect(m1.alerts.length).toBeGreaterThan(0);
		// --column takes the key, or a metric that is unique.
		const rt = await cli('forecast', cw, '--column', 'TargetResponseTime');
		expect(rt.err).toEqual([]);
		expect(JSON.parse(rt.out[0]).slo).toBeNull();
		const dd = await cli('anomalies', `${fixtures}datadog/query.json`, '--column', 'x');
		expect(dd.code).toBe(2);
		expect(dd.err[0]).toMatch(
			/no series "x" \(series: checkout\.system\.cpu\.user\{host="web-1"\}, /
		);
	});

	it("lists a command's options in its help", async () => {
		const r = await cli('pc', '--help');
		expect(r.code).toBe(0);
		const help = r.out.join('\n');
		expect(help).toMatch(/--alpha +a number between 0 and 1 \(exclusive\), default 0\.05/);
		expect(help).toMatch(/--format +matrix \| json, default matrix/);
		// An option's own help replaces what its type would say, for a flag and an enum too.
		const fc = (await cli('forecast', '--help')).out.join('\n');
		expect(fc).toMatch(/--replay +also replay the forecaster sample by sample/);
		expect(fc).toMatch(
			/--fit +regime \(the points since .*\) or recent \(the last --window points\), default regime/
		);
	});
});
