import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { filesWithManifest, proposeFor as proposeWith } from '../../../../src/lib/import/files';
import { proposeForFiles } from '../../../../workers/data/propose-file';
import type { InputFile } from '../../../../workers/data/worker-api';
import { parseBundle } from '../../../../workers/bundle/parse';
import { SOURCES } from './helpers';

const blobOf = (path: string) => new Blob([readFileSync(`${SOURCES}/${path}`)]);
// The page hands the file to the data worker; here the worker's function is called directly.
const proposeFor = (files: InputFile[]) => proposeWith(files, proposeForFiles);

describe('the import form for a single export', () => {
	it('proposes a manifest, and the edited draft imports as a folder bundle', async () => {
		const p = await proposeFor([{ path: 'panel.csv', blob: blobOf('grafana/rows.csv') }]);
		expect(p?.folder).toBe('metrics');
		expect(p?.draft).toMatchObject({ id: 'panel', services: 'db, edge' });
		const files = filesWithManifest(p!, { ...p!.draft, title: 'Edge latency', onset: '' });
		const input = await Promise.all(
			files.map(async (f) => ({ path: f.path, bytes: new Uint8Array(await f.blob.arrayBuffer()) }))
		);
		const result = await parseBundle(input);
		if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
		expect(result.bundle.manifest.title).toBe('Edge latency');
		expect(result.bundle.series).toHaveLength(2);
		expect(result.warnings).toEqual([]);
	});

	it('leaves bundles and broken files to the normal import', async () => {
		const bundle = new Blob(['{"manifest": {}}']);
		expect(await proposeFor([{ path: 'b.json', blob: bundle }])).toBeUndefined();
		expect(
			await proposeFor([{ path: 'x.csv', blob: new Blob(['Time,a\nnope,1\n']) }])
		).toBeUndefined();
	});
});
