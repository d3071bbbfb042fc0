import { describe, expect, it } from 'vitest';
import {
	anyValue,
	attribute,
	attributes,
	nanosToMs,
	parseUnixNano,
	stringAttribute,
	unixNanoToMs
} from '../../../workers/bundle/otlp';
import { spanKindOf, spanStatusOf } from '../../../workers/bundle/span-codes';

describe('OTLP AnyValue and attributes', () => {
	it('decodes every AnyValue kind of the JSON mapping', () => {
		expect(anyValue({ stringValue: 'x' })).toBe('x');
		expect(anyValue({ boolValue: false })).toBe(false);
		expect(anyValue({ intValue: '42' })).toBe(42);
		expect(anyValue({ intValue: 7 })).toBe(7);
		// Beyond 2^53 the decimal string is kept, exact.
		expect(anyValue({ intValue: '9223372036854775807' })).toBe('9223372036854775807');
		expect(anyValue({ doubleValue: 1.5 })).toBe(1.5);
		expect(anyValue({ doubleValue: 'NaN' })).toBeNaN();
		expect(anyValue({ bytesValue: 'AQI=' })).toBe('AQI=');
		expect(anyValue({ arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }] } })).toEqual(
			['a', 1]
		);
		expect(anyValue({ arrayValue: {} })).toEqual([]);
		expect(
			anyValue({
				kvlistValue: {
					values: [
						{ key: 'k', value: { boolValue: true } },
						{ key: 'nested', value: { arrayValue: { values: [{ doubleValue: 2 }] } } }
					]
				}
			})
		).toEqual({ k: true, nested: [2] });
		expect(anyValue({})).toBeNull();
		expect(anyValue({ intValue: '1.5' })).toBeUndefined();
		expect(anyValue('x')).toBeUndefined();
	});

	it('reads attribute lists, skipping malformed entries', () => {
		const list = [
			{ key: 'service.name', value: { stringValue: 'api' } },
			{ key: 'http.status_code', value: { intValue: '503' } },
			{ value: { stringValue: 'no key' } },
			{ key: 'bad', value: { intValue: 'x' } },
			{ key: 'empty', value: { stringValue: '' } }
		];
		expect(attributes(list)).toEqual({ 'service.name': 'api', 'http.status_code': 503, empty: '' });
		expect(attribute(list, 'http.status_code')).toBe(503);
		expect(stringAttribute(list, 'service.name')).toBe('api');
		expect(stringAttribute(list, 'empty')).toBeUndefined();
		expect(stringAttribute(undefined, 'service.name')).toBeUndefined();
		expect(attributes('nope')).toEqual({});
	});

	it('converts unix nanoseconds without losing the fraction', () => {
		expect(parseUnixNano('1717236000123456789')).toBe(1717236000123456789n);
		expect(parseUnixNano(1e18)).toBe(1000000000000000000n);
		expect(parseUnixNano('-1')).toBeUndefined();
		expect(parseUnixNano(1.5)).toBeUndefined();
		expect(parseUnixNano('2024-06-01')).toBeUndefined();
		expect(nanosToMs(1_000n)).toBe(0.001);
		expect(unixNanoToMs('1717236000123456789')! - 1717236000123).toBeCloseTo(0.456789, 3);
		expect(unixNanoToMs('1717236000000000000')).toBe(1717236000000);
	});
});

describe('span status and kind codes', () => {
	it('maps words (any case, OTLP enum names) and OTLP numbers', () => {
		expect(['ok', 'ERROR', 'Unset', 'STATUS_CODE_ERROR', 0, 1, 2].map(spanStatusOf)).toEqual([
			1, 2, 0, 2, 0, 1, 2
		]);
		expect([null, undefined].map(spanStatusOf)).toEqual([0, 0]);
		expect(['failed', 3, 1.5, true].map(spanStatusOf)).toEqual([-1, -1, -1, -1]);
		expect(['server', 'SPAN_KIND_CONSUMER', 'Internal', 0, 5, null].map(spanKindOf)).toEqual([
			2, 5, 1, 0, 5, 0
		]);
		expect(['rpc', 6, -1].map(spanKindOf)).toEqual([-1, -1, -1]);
	});
});
