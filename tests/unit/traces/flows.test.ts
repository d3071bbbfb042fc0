/**
 * Broken request flows on small synthetic traces with a known answer: an early return that skips a
 * log statement, an exception that adds an error line, and a change of request mix that must not
 * count as a break. Log lines join their spans by ids in every spelling the readers produce, or by
 * time when only the trace id is known.
 */
import { describe, expect, it } from 'vitest';
import { LogBuilder } from '../../../workers/bundle/log-table';
import { SpanBuilder } from '../../../workers/bundle/span-table';
import { LOG_LEVELS } from '../../../workers/bundle/types';
import { idsOf, traceLinks } from '../../../workers/logs/trace-link';
import { codeLocation, flowBreaks, statementOf } from '../../../workers/traces/flows';

const MIN = 60_000;
const BASE = { start: 0, end: 10 * MIN };
const INC = { start: 10 * MIN + 1, end: 20 * MIN };
const INFO = LOG_LEVELS.indexOf('info');
const ERROR = LOG_LEVELS.indexOf('error');

interface Req {
	t: number;
	/** Whether the checkout service logs its "payment accepted" line. */
	accepted?: boolean;
	/** Whether it logs an error instead. */
	error?: boolean;
	/** Which endpoint the front calls (the request mix). */
	endpoint?: 'checkout' | 'browse';
	/** How logs name their span: by span id, or only by trace id. */
	ids?: 'span' | 'trace-only' | 'ecs';
	/** A coupon branch: checked, then applied ('ok') or not ('skipped'). */
	coupon?: 'ok' | 'skipped';
	/** Log "stock reserved" from these source lines. */
	located?: number[];
	/** A backend the front's proxy span calls (the router case). */
	backend?: string;
}

function build(reqs: Req[]) {
	const spans = new SpanBuilder();
	const logs = new LogBuilder();
	reqs.forEach((r, k) => {
		const trace = `t${k}`;
		const endpoint = r.endpoint ?? 'checkout';
		const span = (
			spanId: string,
			parentId: string,
			service: string,
			operation: string,
			dt: number
		) =>
			spans.add({
				traceId: trace,
				spanId,
				parentId,
				service,
				operation,
				start: r.t + dt,
				duration: 50 - dt,
				status: 0,
				kind: 0
			});
		span('a', '', 'front', 'GET /', 0);
		if (r.backend) {
			span('p', 'a', 'front', 'proxy', 1);
			span('q', 'p', r.backend, 'GET /x', 2);
		}
		span('b', 'a', endpoint === 'checkout' ? 'checkout' : 'catalog', `POST /${endpoint}`, 5);
		if (endpoint === 'browse') return;
		span('c', 'b', 'payments', 'charge', 10);
		const extra = (spanId: string) =>
			JSON.stringify(
				r.ids === 'trace-only'
					? { trace_id: trace }
					: r.ids === 'ecs'
						? { trace: { id: trace }, span: { id: spanId } }
						: { traceId: trace, spanId }
			);
		logs.add(r.t + 6, INFO, 'checkout', `order ${k} received for user u${k}`, extra('b'));
		if (r.accepted !== false)
			logs.add(r.t + 30, INFO, 'checkout', `payment accepted for order ${k}`, extra('b'));
		if (r.coupon) {
			const code = `checking coupon code of order ${k} against the campaign rules`;
			logs.add(r.t + 20, INFO, 'checkout', code, extra('b'));
			if (r.coupon === 'ok')
				logs.add(
					r.t + 21,
					INFO,
					'checkout',
					'coupon discount applied, new total computed',
					extra('b')
				);
		}
		for (const line of r.located ?? [])
			logs.add(
				r.t + 25,
				INFO,
				'checkout',
				`12:00:00.000 INFO c.s.OrderServiceImpl#${line} stock reserved`,
				extra('b')
			);
		if (r.error)
			logs.add(
				r.t + 31,
				ERROR,
				'checkout',
				`NullPointerException in OrderService line ${k}`,
				extra('b')
			);
	});
	return { spans: spans.finish(), logs: logs.finish() };
}

const every = (from: number, n: number, f: (t: number, i: number) => Req) =>
	Array.from({ length: n }, (_, i) => f(from + i * 10_000, i));

describe('flowBreaks', () => {
	it('finds a log statement that an early return skips, in the service that skipped it', () => {
		const { spans, logs } = build([
			...every(0, 40, (t) => ({ t })),
			...every(INC.start, 30, (t) => ({ t, accepted: false }))
		]);
		const out = flowBreaks(spans, logs, BASE, INC);
		expect(out[0].service).toBe('checkout');
		expect(out[0].kind).toBe('broken-invariant');
		expect(out[0].step).toContain('payment accepted for order');
		expect(out[0].context).toBe('POST /checkout ← front GET /');
		expect(out[0]).toMatchObject({ observed: 0, spans: 30, refObserved: 40, refSpans: 40 });
		expect(out[0].z).toBeGreaterThan(5);
		// The caller and the callee did what they always did.
		expect(out.find((f) => f.service === 'front')?.z ?? 0).toBeLessThan(1);
		expect(out.find((f) => f.service === 'payments')?.z ?? 0).toBeLessThan(1);
	});

	it('finds a new error line, whether logs carry span ids, ECS ids or only the trace id', () => {
		for (const ids of ['span', 'ecs', 'trace-only'] as const) {
			const { spans, logs } = build([
				...every(0, 40, (t) => ({ t, ids })),
				...every(INC.start, 30, (t) => ({ t, ids, error: true }))
			]);
			const out = flowBreaks(spans, logs, BASE, INC);
			expect(out[0].service, ids).toBe('checkout');
			expect(out[0].kind).toBe('new-step');
			expect(out[0].step).toMatch(/^logs error "NullPointerException in OrderService line/);
		}
	});

	it('does not mistake a different request mix for a break', () => {
		// Reference: mostly checkouts; incident: mostly browsing. Every checkout still does the same.
		const { spans, logs } = build([
			...every(0, 40, (t, i) => ({ t, endpoint: i % 10 === 0 ? 'browse' : 'checkout' })),
			...every(INC.start, 40, (t, i) => ({ t, endpoint: i % 10 === 0 ? 'checkout' : 'browse' }))
		]);
		const out = flowBreaks(spans, logs, BASE, INC);
		expect(Math.max(0, ...out.map((f) => f.z))).toBeLessThan(2);
	});

	it('finds a statement skipped inside a branch that only some requests take', () => {
		// Half the checkouts use a coupon; in those, "coupon applied" always follows "coupon
		// checked". The fault skips it: unconditionally the line was never an invariant (50 %).
		const reqs = (from: number, n: number, applied: boolean) =>
			every(from, n, (t, i) => ({
				t,
				coupon: i % 2 === 0 ? (applied ? 'ok' : 'skipped') : undefined
			}));
		const { spans, logs } = build([...reqs(0, 40, true), ...reqs(INC.start, 40, false)]);
		const out = flowBreaks(spans, logs, BASE, INC);
		expect(out[0].service).toBe('checkout');
		expect(out[0].context).toContain(', in spans that logs info "checking coupon code');
		expect(out[0].step).toContain('coupon discount applied');
		expect(out[0].z).toBeGreaterThan(4);
	});

	it('tells two statements with the same words apart by their source position', () => {
		// The same text logged at two places: only the second falls silent.
		const { spans, logs } = build([
			...every(0, 40, (t) => ({ t, located: [31, 34] })),
			...every(INC.start, 30, (t) => ({ t, located: [31] }))
		]);
		const out = flowBreaks(spans, logs, BASE, INC);
		expect(out[0].service).toBe('checkout');
		expect(out[0].step).toMatch(/at c\.s\.OrderServiceImpl#34$/);
	});

	it('expects new steps from a context that routes requests to many places', () => {
		// The front's proxy span calls a different backend for nearly every request; one more
		// backend in the incident is no break. The same novelty in a context that always did the
		// same work is one.
		const routed = build([
			...every(0, 20, (t, i) => ({ t, backend: `svc-${i}` })),
			...every(INC.start, 20, (t, i) => ({ t, backend: `svc-${i % 2 === 0 ? 'new' : i}` }))
		]);
		const z = (f: ReturnType<typeof flowBreaks>, s: string) =>
			f.find((x) => x.service === s)?.z ?? 0;
		expect(z(flowBreaks(routed.spans, routed.logs, BASE, INC), 'front')).toBeLessThan(1);
		const fixed = build([
			...every(0, 20, (t) => ({ t, backend: 'svc-1' })),
			...every(INC.start, 20, (t, i) => ({ t, backend: i % 2 === 0 ? 'svc-new' : 'svc-1' }))
		]);
		expect(z(flowBreaks(fixed.spans, fixed.logs, BASE, INC), 'front')).toBeGreaterThan(3);
	});

	it('needs both periods, and says nothing without spans', () => {
		const { spans, logs } = build(every(0, 10, (t) => ({ t })));
		expect(flowBreaks(spans, logs, BASE, INC)).toEqual([]);
		expect(flowBreaks(new SpanBuilder().finish(), logs, BASE, INC)).toEqual([]);
	});
});

describe('trace links and statements', () => {
	it('reads ids in the spellings the readers produce', () => {
		expect(idsOf('{"trace_id":"t","span_id":"s"}')).toEqual({ trace: 't', span: 's' });
		expect(idsOf('{"traceID":"t"}')).toEqual({ trace: 't', span: undefined });
		expect(idsOf('{"trace.id":"t","span.id":"s"}')).toEqual({ trace: 't', span: 's' });
		expect(idsOf('{"trace":{"id":"t"},"span":{"id":"s"}}')).toEqual({ trace: 't', span: 's' });
		expect(idsOf('')).toEqual({});
		expect(idsOf('{"user":"x"}')).toEqual({});
	});

	it('joins a trace-only line to the innermost open span of its own service', () => {
		const { spans, logs } = build([{ t: 0, ids: 'trace-only' }]);
		const byId = new Map(
			Array.from({ length: spans.length }, (_, i) => [
				`${spans.traceId[i]}\u0000${spans.spanId[i]}`,
				i
			])
		);
		const links = traceLinks(logs, spans, byId);
		expect(links.linked).toBe(logs.length);
		for (const i of links.span) expect(spans.spanId[i]).toBe('b');
	});

	it('reads source positions, not values that look like them', () => {
		expect(codeLocation('16:42:22.382 INFO  c.s.ContactsServiceImpl#31 TraceID: x')).toBe(
			'c.s.ContactsServiceImpl#31'
		);
		expect(codeLocation('caller=server/main.go:142 msg="slow query"')).toBe('server/main.go:142');
		expect(codeLocation('at com.acme.Dao.load(Dao.java:88)')).toBe('Dao.java:88');
		expect(codeLocation('user#12 logged in')).toBe('');
		expect(codeLocation('connect to db.example.com:5432 refused')).toBe('');
		expect(codeLocation('peer 10.0.0.1:80 reset')).toBe('');
	});

	it('names a statement by its first constant words, whatever the length of its list', () => {
		expect(statementOf('sold <*> tickets: [a, b, c] to <*>')).toBe(
			statementOf('sold <*> tickets: [a, b, c] to <*>')
		);
		expect(statementOf('INFO Left ticket info: a b c d e f g h i')).toBe(
			statementOf('INFO Left ticket info: a b c d e f g h i j k l')
		);
		expect(statementOf('took 42 ms for <*> rows')).toBe('took ms for rows');
	});
});
