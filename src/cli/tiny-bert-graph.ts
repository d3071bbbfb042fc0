/**
 * The ONNX graph of a tiny BERT encoder with seeded random weights, written with onnx-proto in the
 * operator shapes a PyTorch export of BertModel has (opset 13, LayerNorm and GELU decomposed): word +
 * position + token-type embeddings, LayerNorm, TINY_LAYERS transformer layers (multi-head
 * self-attention with an additive mask from attention_mask, output projection, residual + LayerNorm,
 * FFN with erf-GELU, residual + LayerNorm) → last_hidden_state [batch, seq, TINY_HIDDEN]. The same
 * seed always gives the same bytes, so the fixture is reproducible.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const F32 = onnx.TensorProto.DataType.FLOAT;
const I64 = onnx.TensorProto.DataType.INT64;
const ATTR = onnx.AttributeProto.AttributeType;

/** Hidden width (the embedding width the tests see). */
export const TINY_HIDDEN = 32;
/** Attention heads; head width is TINY_HIDDEN / TINY_HEADS. */
export const TINY_HEADS = 2;
/** FFN inner width. */
export const TINY_INTERMEDIATE = 64;
/** Transformer layers. */
export const TINY_LAYERS = 2;
/** Rows of the position-embedding table (= longest input, in tokens). */
export const TINY_MAX_POSITIONS = 128;

type Attr = { name: string; type: number; i?: number; f?: number; ints?: number[] };

/** Collects nodes and initializers; every op gets a fresh output name. */
class Graph {
	readonly nodes: ReturnType<typeof onnx.NodeProto.create>[] = [];
	readonly inits: ReturnType<typeof onnx.TensorProto.create>[] = [];
	private count = 0;
	constructor(private readonly rand: () => number) {}

	op(opType: string, input: string[], attribute: Attr[] = []): string {
		const out = `${opType.toLowerCase()}_${this.count++}`;
		this.nodes.push(onnx.NodeProto.create({ opType, input, output: [out], attribute }));
		return out;
	}

	/** A float tensor: `base` plus uniform noise of standard deviation `std`. */
	weight(name: string, dims: number[], std: number, base = 0): string {
		const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
		// rand() is uniform on [-0.5, 0.5): its standard deviation is 1/sqrt(12).
		for (let i = 0; i < data.length; i++) data[i] = base + this.rand() * std * Math.sqrt(12);
		this.inits.push(
			onnx.TensorProto.create({ name, dims, dataType: F32, rawData: new Uint8Array(data.buffer) })
		);
		return name;
	}

	floats(name: string, values: number[]): string {
		const rawData = new Uint8Array(new Float32Array(values).buffer);
		this.inits.push(onnx.TensorProto.create({ name, dims: [], dataType: F32, rawData }));
		return name;
	}

	ints(name: string, values: number[]): string {
		const t = { name, dims: [values.length], dataType: I64, int64Data: values };
		this.inits.push(onnx.TensorProto.create(t));
		return name;
	}
}

const ints = (name: string, v: number[]): Attr => ({ name, type: ATTR.INTS, ints: v });
const int = (name: string, v: number): Attr => ({ name, type: ATTR.INT, i: v });

/** x·W + b, with W scaled so a unit-variance input gives a unit-variance output. */
function linear(g: Graph, x: string, name: string, nIn: number, nOut: number, gain = 1): string {
	const w = g.weight(`${name}.weight`, [nIn, nOut], gain / Math.sqrt(nIn));
	return g.op('Add', [g.op('MatMul', [x, w]), g.weight(`${name}.bias`, [nOut], 0.1)]);
}

/** LayerNorm over the last axis, decomposed as in opset-13 exports (eps 1e-12 like BERT). */
function layerNorm(g: Graph, x: string, name: string): string {
	const mean = g.op('ReduceMean', [x], [ints('axes', [-1])]);
	const d = g.op('Sub', [x, mean]);
	const variance = g.op('ReduceMean', [g.op('Mul', [d, d])], [ints('axes', [-1])]);
	const std = g.op('Sqrt', [g.op('Add', [variance, 'ln_eps'])]);
	const gamma = g.weight(`${name}.weight`, [TINY_HIDDEN], 0.1, 1);
	const beta = g.weight(`${name}.bias`, [TINY_HIDDEN], 0.1);
	return g.op('Add', [g.op('Mul', [g.op('Div', [d, std]), gamma]), beta]);
}

/** [B, S, H] → [B, heads, S, headDim] (or [B, heads, headDim, S] for keys). */
function splitHeads(g: Graph, x: string, keys: boolean): string {
	const r = g.op('Reshape', [x, 'heads_shape']);
	return g.op('Transpose', [r], [ints('perm', keys ? [0, 2, 3, 1] : [0, 2, 1, 3])]);
}

/** Multi-head self-attention; `maskAdd` is [B, 1, 1, S]: 0 for tokens, -10000 for padding. */
function selfAttention(g: Graph, x: string, maskAdd: string, name: string): string {
	const q = splitHeads(g, linear(g, x, `${name}.query`, TINY_HIDDEN, TINY_HIDDEN, 2), false);
	const k = splitHeads(g, linear(g, x, `${name}.key`, TINY_HIDDEN, TINY_HIDDEN, 2), true);
	const v = splitHeads(g, linear(g, x, `${name}.value`, TINY_HIDDEN, TINY_HIDDEN), false);
	const scores = g.op('Div', [g.op('MatMul', [q, k]), 'head_scale']);
	const probs = g.op('Softmax', [g.op('Add', [scores, maskAdd])], [int('axis', -1)]);
	const context = g.op('Transpose', [g.op('MatMul', [probs, v])], [ints('perm', [0, 2, 1, 3])]);
	const merged = g.op('Reshape', [context, 'merge_shape']);
	return linear(g, merged, `${name}.output.dense`, TINY_HIDDEN, TINY_HIDDEN);
}

/** GELU, erf form: x · 0.5 · (1 + erf(x / √2)). */
function gelu(g: Graph, x: string): string {
	const erf = g.op('Erf', [g.op('Div', [x, 'sqrt2'])]);
	return g.op('Mul', [g.op('Mul', [x, g.op('Add', [erf, 'one'])]), 'half']);
}

function encoderLayer(g: Graph, x: string, maskAdd: string, i: number): string {
	const p = `encoder.layer.${i}`;
	const attn = selfAttention(g, x, maskAdd, `${p}.attention`);
	const h = layerNorm(g, g.op('Add', [attn, x]), `${p}.attention.output.LayerNorm`);
	const inner = gelu(g, linear(g, h, `${p}.intermediate.dense`, TINY_HIDDEN, TINY_INTERMEDIATE));
	const out = linear(g, inner, `${p}.output.dense`, TINY_INTERMEDIATE, TINY_HIDDEN);
	return layerNorm(g, g.op('Add', [out, h]), `${p}.output.LayerNorm`);
}

/** Word + position (0..seq-1) + token-type embeddings, then LayerNorm. */
function embeddings(g: Graph, vocabSize: number): string {
	const word = g.weight('embeddings.word_embeddings.weight', [vocabSize, TINY_HIDDEN], 1);
	const pos = g.weight(
		'embeddings.position_embeddings.weight',
		[TINY_MAX_POSITIONS, TINY_HIDDEN],
		0.3
	);
	const type = g.weight('embeddings.token_type_embeddings.weight', [2, TINY_HIDDEN], 0.3);
	const seqLen = g.op('Slice', [g.op('Shape', ['input_ids']), 'one_i', 'two_i', 'zero_i']);
	const positions = g.op('Slice', [pos, 'zero_i', seqLen, 'zero_i']);
	const sum = g.op('Add', [
		g.op('Add', [g.op('Gather', [word, 'input_ids']), g.op('Gather', [type, 'token_type_ids'])]),
		positions
	]);
	return layerNorm(g, sum, 'embeddings.LayerNorm');
}

/** attention_mask [B, S] (1 = token) → additive mask [B, 1, 1, S] (0 or -10000). */
function additiveMask(g: Graph): string {
	const m = g.op('Cast', [g.op('Unsqueeze', ['attention_mask', 'mask_axes'])], [int('to', F32)]);
	return g.op('Mul', [g.op('Sub', ['one', m]), 'mask_min']);
}

function io(name: string, elemType: number, dims: (string | number)[]) {
	const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
	return onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType, shape: { dim } } } });
}

function constants(g: Graph): void {
	const headDim = TINY_HIDDEN / TINY_HEADS;
	g.floats('one', [1]);
	g.floats('half', [0.5]);
	g.floats('sqrt2', [Math.SQRT2]);
	g.floats('ln_eps', [1e-12]);
	g.floats('mask_min', [-10000]);
	g.floats('head_scale', [Math.sqrt(headDim)]);
	g.ints('zero_i', [0]);
	g.ints('one_i', [1]);
	g.ints('two_i', [2]);
	g.ints('mask_axes', [1, 2]);
	g.ints('heads_shape', [0, 0, TINY_HEADS, headDim]);
	g.ints('merge_shape', [0, 0, TINY_HIDDEN]);
}

/** Deterministic uniform numbers on [-0.5, 0.5) (LCG; the same seed gives the same model bytes). */
function rng(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return s / 2 ** 32 - 0.5;
	};
}

/** The ONNX model bytes of the tiny BERT encoder for a vocabulary of `vocabSize` tokens. */
export function tinyModelBytes(vocabSize: number, seed = 42): Uint8Array {
	const g = new Graph(rng(seed));
	constants(g);
	const maskAdd = additiveMask(g);
	let x = embeddings(g, vocabSize);
	for (let i = 0; i < TINY_LAYERS; i++) x = encoderLayer(g, x, maskAdd, i);
	g.nodes.push(
		onnx.NodeProto.create({ opType: 'Identity', input: [x], output: ['last_hidden_state'] })
	);
	const graph = onnx.GraphProto.create({
		name: 'tiny-bert',
		initializer: g.inits,
		node: g.nodes,
		input: ['input_ids', 'attention_mask', 'token_type_ids'].map((n) =>
			io(n, I64, ['batch_size', 'sequence_length'])
		),
		output: [io('last_hidden_state', F32, ['batch_size', 'sequence_length', TINY_HIDDEN])]
	});
	const model = onnx.ModelProto.create({
		irVersion: 8,
		producerName: 'aitia make-tiny-model',
		opsetImport: [{ domain: '', version: 13 }],
		graph
	});
	return onnx.ModelProto.encode(model).finish();
}
