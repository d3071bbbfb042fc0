/** The cell kinds this build knows. Adding a kind = one module under kinds/ + one line here. */
import { chartKind } from './chart';
import { dataKind } from './data';
import type { AnyCellKind, KindRegistry } from './kind';
import { markdownKind } from './markdown';
import { statsKind } from './stats';

const ALL: AnyCellKind[] = [markdownKind, dataKind, chartKind, statsKind];

export const KINDS: KindRegistry = Object.freeze(Object.fromEntries(ALL.map((k) => [k.kind, k])));

export type { AnyCellKind, KindRegistry } from './kind';
