import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemo, zipDemo } from '../../../workers/demo/generate';
import { demoNotebookText } from '../../../workers/demo/notebook';

const root = resolve(__dirname, '../../..');
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
	a.length === b.length && a.every((x, i) => x === b[i]);

describe('demo generator determinism', () => {
	it('gives byte-identical zips for the same seed', () => {
		const a = zipDemo(generateDemo({ seed: 7 }));
		const b = zipDemo(generateDemo({ seed: 7 }));
		expect(sameBytes(a, b)).toBe(true);
	});

	it('gives different data for a different seed', () => {
		const a = generateDemo({ seed: 7 });
		const b = generateDemo({ seed: 8 });
		const golden = (x: typeof a) => x.files.find((f) => f.path === 'metrics/golden.csv')!.bytes;
		expect(sameBytes(golden(a), golden(b))).toBe(false);
		expect(sameBytes(zipDemo(a), zipDemo(b))).toBe(false);
	});

	it('does not depend on the machine time zone (zip mtimes)', () => {
		const before = process.env.TZ;
		try {
			process.env.TZ = 'America/Los_Angeles';
			const a = zipDemo(generateDemo({ seed: 3 }));
			process.env.TZ = 'Asia/Kolkata';
			const b = zipDemo(generateDemo({ seed: 3 }));
			expect(sameBytes(a, b)).toBe(true);
		} finally {
			if (before === undefined) delete process.env.TZ;
			else process.env.TZ = before;
		}
	});

	it('ships a static/demo/coolant-leak.zip equal to a fresh generation (run npm run demo:generate)', () => {
		const committed = new Uint8Array(readFileSync(resolve(root, 'static/demo/coolant-leak.zip')));
		const fresh = zipDemo(generateDemo());
		expect(sameBytes(committed, fresh)).toBe(true);
		expect(fresh.length).toBeLessThan(1.5 * 1024 * 1024);
	});

	it('ships a notebooks/demo.nb.json equal to a fresh generation', () => {
		const committed = readFileSync(resolve(root, 'notebooks/demo.nb.json'), 'utf8');
		expect(committed).toBe(demoNotebookText());
	});
});
