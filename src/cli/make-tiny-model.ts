/**
 * Writes a tiny BERT-shaped ONNX model with random (seeded) weights and a small WordPiece tokenizer
 * in the layout transformers.js loads (`config.json`, `tokenizer.json`, `tokenizer_config.json`,
 * `onnx/model.onnx`), so tests run the real transformers.js + onnxruntime path without
 * downloading weights. The graph has BERT's inputs and output (input_ids, attention_mask,
 * token_type_ids → last_hidden_state [batch, seq, 32]): word and token-type embeddings, one dense
 * layer with tanh, masked. It is not a trained model: its vectors are only good for plumbing tests.
 *
 * Usage: npx tsx src/cli/make-tiny-model.ts [outDir]   (default tests/fixtures/tiny-bert)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export const TINY_HIDDEN = 32;
const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const WORDS = (
	'the a an of to in on for from at by with and or not is was be error warn info debug fatal ' +
	'failed failure timeout connection closed opened user db database lock wait cpu temperature ' +
	'host disk memory request response latency pool cache miss hit thermal throttling leak slow'
).split(' ');
const CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
const PUNCT = '.,:;!?()[]{}<>=/-_*\'"#@%&+'.split('');

/** The vocabulary: specials, words, characters and their ## continuations, punctuation. */
export function tinyVocab(): string[] {
	return [...SPECIAL, ...WORDS, ...CHARS, ...CHARS.map((c) => `##${c}`), ...PUNCT];
}

function rng(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return s / 2 ** 32 - 0.5;
	};
}

function floatTensor(name: string, dims: number[], rand: () => number, scale: number) {
	const n = dims.reduce((a, b) => a * b, 1);
	const data = new Float32Array(n);
	for (let i = 0; i < n; i++) data[i] = rand() * scale;
	return onnx.TensorProto.create({
		name,
		dims,
		dataType: onnx.TensorProto.DataType.FLOAT,
		rawData: new Uint8Array(data.buffer)
	});
}

function io(name: string, elemType: number, dims: (string | number)[]) {
	return onnx.ValueInfoProto.create({
		name,
		type: {
			tensorType: {
				elemType,
				shape: {
					dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }))
				}
			}
		}
	});
}

/** The ONNX model bytes. */
export function tinyModelBytes(vocabSize: number, seed = 42): Uint8Array {
	const rand = rng(seed);
	const H = TINY_HIDDEN;
	const I64 = onnx.TensorProto.DataType.INT64;
	const F32 = onnx.TensorProto.DataType.FLOAT;
	const node = (op: string, inputs: string[], outputs: string[], attribute: object[] = []) =>
		onnx.NodeProto.create({ opType: op, input: inputs, output: outputs, attribute });
	const axes = onnx.TensorProto.create({
		name: 'axes',
		dims: [1],
		dataType: I64,
		int64Data: [-1]
	});
	const graph = onnx.GraphProto.create({
		name: 'tiny-bert',
		initializer: [
			floatTensor('word_emb', [vocabSize, H], rand, 2),
			floatTensor('type_emb', [2, H], rand, 0.2),
			floatTensor('dense_w', [H, H], rand, 1),
			floatTensor('dense_b', [H], rand, 0.1),
			axes
		],
		node: [
			node('Gather', ['word_emb', 'input_ids'], ['we']),
			node('Gather', ['type_emb', 'token_type_ids'], ['te']),
			node('Add', ['we', 'te'], ['emb']),
			node('MatMul', ['emb', 'dense_w'], ['mm']),
			node('Add', ['mm', 'dense_b'], ['pre']),
			node('Tanh', ['pre'], ['act']),
			node('Cast', ['attention_mask'], ['maskf'], [{ name: 'to', type: 2, i: F32 }]),
			node('Unsqueeze', ['maskf', 'axes'], ['mask3']),
			node('Mul', ['act', 'mask3'], ['last_hidden_state'])
		],
		input: [
			io('input_ids', I64, ['batch', 'seq']),
			io('attention_mask', I64, ['batch', 'seq']),
			io('token_type_ids', I64, ['batch', 'seq'])
		],
		output: [io('last_hidden_state', F32, ['batch', 'seq', H])]
	});
	const model = onnx.ModelProto.create({
		irVersion: 8,
		producerName: 'aitia make-tiny-model',
		opsetImport: [{ domain: '', version: 13 }],
		graph
	});
	return onnx.ModelProto.encode(model).finish();
}

/** tokenizer.json for a BERT WordPiece tokenizer over `vocab`. */
export function tinyTokenizer(vocab: string[]): object {
	const id = (t: string) => vocab.indexOf(t);
	const special = (t: string) => ({ SpecialToken: { id: t, type_id: 0 } });
	return {
		version: '1.0',
		truncation: null,
		padding: null,
		added_tokens: SPECIAL.map((t) => ({
			id: id(t),
			content: t,
			single_word: false,
			lstrip: false,
			rstrip: false,
			normalized: false,
			special: true
		})),
		normalizer: {
			type: 'BertNormalizer',
			clean_text: true,
			handle_chinese_chars: true,
			strip_accents: null,
			lowercase: true
		},
		pre_tokenizer: { type: 'BertPreTokenizer' },
		post_processor: {
			type: 'TemplateProcessing',
			single: [special('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]')],
			pair: [
				special('[CLS]'),
				{ Sequence: { id: 'A', type_id: 0 } },
				special('[SEP]'),
				{ Sequence: { id: 'B', type_id: 1 } },
				{ SpecialToken: { id: '[SEP]', type_id: 1 } }
			],
			special_tokens: Object.fromEntries(
				['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }])
			)
		},
		decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
		model: {
			type: 'WordPiece',
			unk_token: '[UNK]',
			continuing_subword_prefix: '##',
			max_input_chars_per_word: 100,
			vocab: Object.fromEntries(vocab.map((t, i) => [t, i]))
		}
	};
}

/** Writes the model folder; returns the files written. */
export function writeTinyModel(outDir: string): string[] {
	const vocab = tinyVocab();
	mkdirSync(path.join(outDir, 'onnx'), { recursive: true });
	const files: [string, string | Uint8Array][] = [
		['onnx/model.onnx', tinyModelBytes(vocab.length)],
		['tokenizer.json', JSON.stringify(tinyTokenizer(vocab))],
		[
			'tokenizer_config.json',
			JSON.stringify({
				tokenizer_class: 'BertTokenizer',
				do_lower_case: true,
				model_max_length: 512,
				cls_token: '[CLS]',
				sep_token: '[SEP]',
				pad_token: '[PAD]',
				unk_token: '[UNK]',
				mask_token: '[MASK]'
			})
		],
		[
			'config.json',
			JSON.stringify({
				model_type: 'bert',
				architectures: ['BertModel'],
				hidden_size: TINY_HIDDEN,
				vocab_size: vocab.length,
				type_vocab_size: 2,
				max_position_embeddings: 512,
				note: 'random weights; generated by src/cli/make-tiny-model.ts for tests only'
			})
		]
	];
	for (const [name, data] of files) writeFileSync(path.join(outDir, name), data);
	return files.map(([name]) => path.join(outDir, name));
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const out = process.argv[2] ?? 'tests/fixtures/tiny-bert';
	for (const f of writeTinyModel(out)) console.log(`wrote ${f}`);
}
