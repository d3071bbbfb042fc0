/**
 * A tiny hand-assembled WebAssembly SIMD kernel: int8 dot products of one query against n
 * vectors. Plain JS manages about 1 G multiply-adds per second here, far from what a 50 ms scan of
 * 1 M × 384 values needs; i32x4.dot_i16x8_s does 8 per instruction. Written as bytes because the
 * project has no WebAssembly toolchain; the unit test checks it against a JS reference.
 *
 * export dot(q: i32, base: i32, n: i32, dim: i32, out: i32): for each row r < n,
 *   out[r] (i32) = Σ_j query16[j] * vectors8[r * dim + j]
 * where `q` points at the query widened to int16 (2 × dim bytes) and dim is a multiple of 16.
 */

const SIMD = 0xfd;
/** LEB128 of a SIMD sub-opcode, prefixed. */
const simd = (op: number): number[] =>
	op < 0x80 ? [SIMD, op] : [SIMD, (op & 0x7f) | 0x80, op >> 7];
const memarg = (align: number, offset = 0): number[] => [align, ...uleb(offset)];

function uleb(v: number): number[] {
	const out: number[] = [];
	do {
		let b = v & 0x7f;
		v >>>= 7;
		if (v) b |= 0x80;
		out.push(b);
	} while (v);
	return out;
}

const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const str = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

// Locals: 0 q, 1 base, 2 n, 3 dim, 4 out | 5 row, 6 j, 7 qp (i32) | 8 acc (v128), 9 v (v128)
const I32 = 0x7f;
const V128 = 0x7b;
const get = (i: number) => [0x20, i];
const set = (i: number) => [0x21, i];
const tee = (i: number) => [0x22, i];
const i32c = (v: number) => [0x41, ...sleb(v)];

function sleb(v: number): number[] {
	const out: number[] = [];
	for (;;) {
		const b = v & 0x7f;
		v >>= 7;
		if ((v === 0 && !(b & 0x40)) || (v === -1 && b & 0x40)) return [...out, b];
		out.push(b | 0x80);
	}
}

/** The function body: two nested loops over rows and 16-byte blocks. */
function body(): number[] {
	const addI32 = [0x6a];
	const lane = (l: number) => [...get(8), ...simd(0x1b), l];
	const inner = [
		// v = load(base); base += 16
		...get(1),
		...simd(0x00),
		...memarg(4),
		...set(9),
		...get(1),
		...i32c(16),
		...addI32,
		...set(1),
		// acc += dot(extend_low(v), load(qp)) + dot(extend_high(v), load(qp + 16))
		...get(8),
		...get(9),
		...simd(0x87),
		...get(7),
		...simd(0x00),
		...memarg(4),
		...simd(0xba),
		...simd(0xae),
		...get(9),
		...simd(0x88),
		...get(7),
		...simd(0x00),
		...memarg(4, 16),
		...simd(0xba),
		...simd(0xae),
		...set(8),
		...get(7),
		...i32c(32),
		...addI32,
		...set(7),
		// j += 16; continue while j < dim
		...get(6),
		...i32c(16),
		...addI32,
		...tee(6),
		...get(3),
		0x48,
		0x0d,
		0
	];
	const row = [
		...i32c(0),
		...simd(0x11),
		...set(8), // acc = splat(0)
		...i32c(0),
		...set(6),
		...get(0),
		...set(7),
		0x03,
		0x40,
		...inner,
		0x0b,
		// out[row] = acc[0] + acc[1] + acc[2] + acc[3]
		...get(4),
		...get(5),
		...i32c(2),
		0x74,
		...addI32,
		...lane(0),
		...lane(1),
		...addI32,
		...lane(2),
		...addI32,
		...lane(3),
		...addI32,
		0x36,
		...memarg(2),
		...get(5),
		...i32c(1),
		...addI32,
		...tee(5),
		...get(2),
		0x48,
		0x0d,
		0
	];
	// if (n > 0) loop rows
	const code = [...get(2), ...i32c(0), 0x4a, 0x04, 0x40, 0x03, 0x40, ...row, 0x0b, 0x0b, 0x0b];
	const locals = vec([
		[3, I32],
		[2, V128]
	]);
	return [...locals, ...code];
}

/** The module's bytes; memory is imported as env.mem. */
export function dotI8ModuleBytes(): Uint8Array<ArrayBuffer> {
	const type = section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32]]), 0]]));
	const imports = section(2, vec([[...str('env'), ...str('mem'), 0x02, 0x00, 0x01]]));
	const funcs = section(3, vec([[0]]));
	const exports = section(7, vec([[...str('dot'), 0x00, 0]]));
	const b = body();
	const code = section(10, vec([[...uleb(b.length), ...b]]));
	return new Uint8Array([
		0,
		0x61,
		0x73,
		0x6d,
		1,
		0,
		0,
		0,
		...type,
		...imports,
		...funcs,
		...exports,
		...code
	]);
}

/** The kernel bound to a memory, or undefined where WebAssembly SIMD is unavailable. */
export function dotI8Kernel(
	memory: WebAssembly.Memory
): ((q: number, base: number, n: number, dim: number, out: number) => void) | undefined {
	const bytes = dotI8ModuleBytes();
	if (typeof WebAssembly === 'undefined' || !WebAssembly.validate(bytes)) return undefined;
	const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
		env: { mem: memory }
	});
	return instance.exports.dot as (
		q: number,
		base: number,
		n: number,
		dim: number,
		out: number
	) => void;
}
