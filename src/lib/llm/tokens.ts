/** Cheap token estimate and a stable string hash (no tokenizer download for a budget check). */

/** About four characters per token for English text and logs (Llama 3 / GPT tokenizers). */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

export { hashText } from '$workers/shared/hash-text';
