import { describe, expect, it } from 'vitest';
import { main } from '../../../../src/cli/main';
import { SOURCES } from './helpers';

describe('aitia validate on a single export', () => {
	it('imports it with a proposed manifest and says so', async () => {
		const out: string[] = [];
		const code = await main(['validate', `${SOURCES}/prometheus/query_range.json`], {
			out: (l) => out.push(l),
			err: (l) => out.push(l)
		});
		expect(code).toBe(0);
		const text = out.join('\n');
		expect(text).toContain('ok query_range: 2 series, 120 points');
		expect(text).toContain(
			'has no manifest: imported as Prometheus query response with a proposed one'
		);
		expect(text).toContain('onset 2024-06-01T10:40:00.000Z');
	});
});
