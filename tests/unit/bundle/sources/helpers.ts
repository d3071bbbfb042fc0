/** Fixture access for the source-format tests (tests/fixtures/sources/<format>/<file>). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BundleFile } from '../../../../workers/bundle/types';

export const SOURCES = fileURLToPath(new URL('../../../fixtures/sources', import.meta.url));

/** A fixture as a dropped file (`as` renames it, e.g. to put it in a bundle folder). */
export function source(path: string, as = path.slice(path.lastIndexOf('/') + 1)): BundleFile {
	return { path: as, bytes: new Uint8Array(readFileSync(`${SOURCES}/${path}`)) };
}

export const fixtureText = (path: string) => readFileSync(`${SOURCES}/${path}`, 'utf8');
