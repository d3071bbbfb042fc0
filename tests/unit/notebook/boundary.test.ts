/**
 * The notebook's runtime boundary is enforced by ESLint (eslint.config.js): kinds reach algorithms
 * only through ctx.compute. Linting snippets as if they were notebook files proves the rule bites.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../../..', import.meta.url).pathname });
const at = 'src/lib/notebook/kinds/probe.ts';
const errors = async (code: string) =>
	(await eslint.lintText(code, { filePath: at }))[0].messages
		.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
		.map((m) => m.message);

describe('notebook boundary', () => {
	it('refuses algorithm imports from workers/ in notebook code', { timeout: 60_000 }, async () => {
		expect(
			await errors("import { forecast } from '$workers/metrics/forecast';\nvoid forecast;\n")
		).toHaveLength(1);
		expect(
			await errors("import { alignSeries } from '$workers/causal/align';\nvoid alignSeries;\n")
		).toHaveLength(1);
	});

	it(
		'allows types from anywhere, shared helpers and contract vocabularies',
		{ timeout: 60_000 },
		async () => {
			const ok = [
				"import type { PcResult } from '$workers/causal/pc';\nexport type X = PcResult;\n",
				"import { matchSeries } from '$workers/shared/select';\nvoid matchSeries;\n",
				"import { RCA_METHODS } from '$workers/rca/types';\nvoid RCA_METHODS;\n"
			];
			for (const code of ok) expect(await errors(code), code).toEqual([]);
		}
	);
});
