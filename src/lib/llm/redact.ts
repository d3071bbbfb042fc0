/**
 * Redaction rules live in workers/shared/redact.ts, so the data worker redacts a capsule with
 * exactly the rules that protect the LLM prompt; this module keeps the page's import path.
 */
export * from '$workers/shared/redact';
