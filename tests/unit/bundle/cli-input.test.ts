/** CLI input edge cases (issue #14, defect 10): non-regular files are refused by name. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundle, readBundleFiles } from '../../../src/cli/bundle-input';
import { manifest } from './helpers';

function folder(): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'aitia-cli-input-'));
	mkdirSync(path.join(dir, 'logs'));
	return dir;
}

describe('CLI bundle input', () => {
	it('refuses /dev/zero instead of reading it forever', async () => {
		await expect(readBundleFiles('/dev/zero')).rejects.toThrow(/\/dev\/zero: is a device/);
	});

	it('follows a symlinked manifest.json', async () => {
		const dir = folder();
		const real = path.join(tmpdir(), `aitia-manifest-${process.pid}.json`);
		writeFileSync(real, manifest().bytes);
		symlinkSync(real, path.join(dir, 'manifest.json'));
		const r = await loadBundle(dir);
		expect(r.ok).toBe(true);
	});

	it('refuses a FIFO and a broken link by name', async () => {
		const dir = folder();
		writeFileSync(path.join(dir, 'manifest.json'), manifest().bytes);
		execFileSync('mkfifo', [path.join(dir, 'logs', 'edge.log')]);
		await expect(readBundleFiles(dir)).rejects.toThrow(/logs\/edge\.log: is a named pipe/);
		const dir2 = folder();
		symlinkSync(path.join(dir2, 'nowhere'), path.join(dir2, 'manifest.json'));
		await expect(readBundleFiles(dir2)).rejects.toThrow(
			/manifest\.json: is a broken symbolic link/
		);
	});
});
