/** The app version (package.json), recorded in run states and capsules. */
import pkg from '../../package.json';

export const APP_VERSION: string = pkg.version;
