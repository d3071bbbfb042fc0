/**
 * `npm run demo:generate [-- --seed N]`: writes the demo bundle zip and the demo notebook.
 * Both are committed; tests fail when they differ from a fresh generation.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, generateDemo, zipDemo } from '../../workers/demo/generate';
import { demoNotebookText } from '../../workers/demo/notebook';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const seedArg = process.argv.indexOf('--seed');
const seed = seedArg >= 0 ? Number(process.argv[seedArg + 1]) : DEFAULT_SEED;
if (!Number.isInteger(seed))
	throw new Error(`--seed expects an integer, got ${process.argv[seedArg + 1]}`);

const bundle = generateDemo({ seed });
const zip = zipDemo(bundle);
const zipPath = resolve(root, 'static/demo/coolant-leak.zip');
const nbPath = resolve(root, 'notebooks/demo.nb.json');
mkdirSync(dirname(zipPath), { recursive: true });
writeFileSync(zipPath, zip);
writeFileSync(nbPath, demoNotebookText());

const raw = bundle.files.reduce((n, f) => n + f.bytes.length, 0);
console.log(`seed ${seed}: ${bundle.files.length} files, ${(raw / 1024).toFixed(0)} KiB raw`);
console.log(`wrote ${zipPath} (${(zip.length / 1024).toFixed(0)} KiB)`);
console.log(`wrote ${nbPath}`);
console.log('expected counts:', JSON.stringify(bundle.expected));
