#!/usr/bin/env node
// The `aitia` bin. Plain JS so Node can start it without a build: it registers tsx (with the
// project's tsconfig, for the $lib / $workers aliases) and hands over to aitia.ts.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// Resolved from this file, not the cwd, so the CLI works from any directory.
register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
const { main } = await import(new URL('./aitia.ts', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
