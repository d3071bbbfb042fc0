import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
	BundleInputError,
	bundleFilesFromInput,
	isSingleJsonBundle
} from '../../../workers/bundle/input';
import { unzipBundle } from '../../../workers/bundle/zip';
import { file } from './helpers';

const paths = (files: { path: string }[]) => files.map((f) => f.path).sort();

describe('bundleFilesFromInput', () => {
	it('strips the folder a folder pick puts in front of every path', () => {
		const files = [file('inc-42/manifest.json', '{}'), file('inc-42/metrics/a.csv', 'x')];
		expect(paths(bundleFilesFromInput(files))).toEqual(['manifest.json', 'metrics/a.csv']);
	});

	it('strips nested wrappers, backslashes and ./ but never a layout folder', () => {
		const files = [file('a\\b\\manifest.json', '{}'), file('./a/b/logs/x.log', '')];
		expect(paths(bundleFilesFromInput(files))).toEqual(['logs/x.log', 'manifest.json']);
		const onlyMetrics = [file('metrics/a.csv', ''), file('metrics/b.csv', '')];
		expect(paths(bundleFilesFromInput(onlyMetrics))).toEqual(['metrics/a.csv', 'metrics/b.csv']);
		// A wrapper folder that happens to be called "logs" is stripped when it holds the manifest.
		const wrapped = [file('logs/manifest.json', '{}'), file('logs/logs/x.log', '')];
		expect(paths(bundleFilesFromInput(wrapped))).toEqual(['logs/x.log', 'manifest.json']);
	});

	it('unpacks a single zip, dropping directories and __MACOSX, stripping its top folder', () => {
		const zip = zipSync({
			'inc/': new Uint8Array(),
			'inc/manifest.json': new TextEncoder().encode('{}'),
			'inc/events.jsonl': new Uint8Array(),
			'__MACOSX/inc/._events.jsonl': new Uint8Array([1])
		});
		expect(paths(bundleFilesFromInput([file('picked/inc.zip', zip)]))).toEqual([
			'events.jsonl',
			'manifest.json'
		]);
		expect(paths(unzipBundle(zip))).toEqual(['events.jsonl', 'manifest.json']);
	});

	it('recognises a zip by its signature even without the extension', () => {
		const zip = zipSync({ 'manifest.json': new TextEncoder().encode('{}') });
		expect(paths(bundleFilesFromInput([file('download', zip)]))).toEqual(['manifest.json']);
	});

	it('turns a lone .json (not a layout file) into a single-JSON bundle', () => {
		const out = bundleFilesFromInput([file('dir/incident.json', '{}'), file('dir/.DS_Store', 'x')]);
		expect(isSingleJsonBundle(out)).toBe(true);
		expect(isSingleJsonBundle(bundleFilesFromInput([file('manifest.json', '{}')]))).toBe(false);
	});

	it('throws BundleInputError for a corrupt zip', () => {
		expect(() => bundleFilesFromInput([file('x.zip', new Uint8Array([1, 2, 3]))])).toThrow(
			BundleInputError
		);
	});
});
