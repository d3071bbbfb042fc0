/** Entry module loaded by aitia.js once tsx is registered; the CLI itself lives in main.ts. */
export { COMMANDS, main } from './main';
