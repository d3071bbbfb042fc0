import { describe, expect, it } from 'vitest';
import { buildRequest, defaultForm, localInput } from '../../../src/lib/capture/request';

const NOW = Date.parse('2024-06-01T11:00:30Z');

describe('the capture panel form', () => {
	it('defaults to the last hour at an auto step', () => {
		const f = defaultForm(NOW);
		expect(f.to).toBe(localInput(Date.parse('2024-06-01T11:00:00Z')));
		expect(f.from).toBe(localInput(Date.parse('2024-06-01T10:00:00Z')));
		expect(f.step).toBe('auto');
	});

	it('turns servers and queries (one per line) into plans with the typed credentials', () => {
		const f = defaultForm(NOW);
		f.prometheusUrl = 'http://prom.example:9090';
		f.promql = 'up\n\n# a comment\nsum by (job) (rate(x[5m]))\n';
		f.lokiUrl = 'https://loki.example';
		f.logql = '{app="api"}';
		f.prometheusAuth = { kind: 'bearer', token: ' t0k ', user: '', password: '' };
		f.lokiAuth = { kind: 'basic', token: '', user: 'ann', password: 'pä' };
		const r = buildRequest(f);
		if (!r.ok) throw new Error(r.errors.join('; '));
		const [prom, loki] = r.req.plans;
		expect(prom.queries).toEqual(['up', 'sum by (job) (rate(x[5m]))']);
		expect(prom.http.authorization).toBe('Bearer t0k');
		expect(prom.http.context).toBe('browser');
		expect(loki.http.authorization).toBe(`Basic ${Buffer.from('ann:pä').toString('base64')}`);
		expect(r.req.limits.to - r.req.limits.from).toBe(3_600_000);
		expect(r.req.limits.step).toBe(2);
		expect(r.req.limits.pageLines).toBe(1000);
		expect(r.req.title).toBeUndefined(); // proposed from the window
		f.title = '  Checkout latency  ';
		const named = buildRequest(f);
		expect(named.ok && named.req.title).toBe('Checkout latency');
	});

	it('says what is wrong, field by field', () => {
		const f = defaultForm(NOW);
		expect(buildRequest(f)).toEqual({
			ok: false,
			errors: ['Give at least one PromQL or LogQL query']
		});
		f.promql = 'up';
		f.prometheusUrl = 'ftp://x';
		f.step = 'soon';
		const r = buildRequest(f);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual([
			'Step must be "auto" or a duration such as 30s, 5m, 1h, got "soon"',
			'Prometheus URL must be an http(s) URL such as http://localhost:9090, got "ftp://x"'
		]);
		f.from = f.to;
		f.prometheusUrl = 'http://localhost:9090';
		expect(buildRequest(f)).toEqual({ ok: false, errors: ['From must be before To'] });
	});
});
