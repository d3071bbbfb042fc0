/**
 * `npm run model:fetch`: downloads all-MiniLM-L6-v2 (transformers.js layout, q8 and fp32 weights)
 * from the Hugging Face hub into static/models/, so the workbench can load it from its own origin
 * and run fully offline. Fails with a clear message where the hub is unreachable.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MINILM_MODEL } from '../../workers/embed/transformers';

const FILES = [
	'config.json',
	'tokenizer.json',
	'tokenizer_config.json',
	'special_tokens_map.json',
	'onnx/model_quantized.onnx',
	'onnx/model.onnx'
];
const HUB = process.env.HF_ENDPOINT ?? 'https://huggingface.co';

async function main(): Promise<number> {
	const outDir = path.join(process.argv[2] ?? 'static/models', MINILM_MODEL);
	for (const file of FILES) {
		const url = `${HUB}/${MINILM_MODEL}/resolve/main/${file}`;
		let res: Response;
		try {
			res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
		} catch (e) {
			const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
			console.error(`model:fetch: cannot reach ${HUB} (${cause}). MiniLM was not downloaded;`);
			console.error('the workbench will use the lexical embedder. Copy the files listed in');
			console.error(`docs/logs.md into ${outDir} from a machine with hub access instead.`);
			return 1;
		}
		if (!res.ok) {
			console.error(`model:fetch: ${url} answered ${res.status} ${res.statusText}`);
			return 1;
		}
		const target = path.join(outDir, file);
		await mkdir(path.dirname(target), { recursive: true });
		const data = new Uint8Array(await res.arrayBuffer());
		await writeFile(target, data);
		console.log(`${target}  ${(data.length / 1e6).toFixed(1)} MB`);
	}
	return 0;
}

process.exitCode = await main();
