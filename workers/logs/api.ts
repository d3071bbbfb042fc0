/**
 * Contract of the logs worker (types only; the UI imports it with `import type`). The worker reads
 * an incident's logs from IndexedDB itself, mines templates, embeds templates and sampled lines with
 * the selected embedder, and persists the index per incident and embedder.
 */
import type {
	EmbedderNote,
	LogSearchOutput,
	SimilarIncidentsOutput,
	TemplatesOutput
} from '../shared/outputs-logs';
import type { Progress } from '../shared/progress';

/** Which embedder to use: MiniLM when it can be loaded ('auto'), or the lexical one. */
export type EmbedderPreference = 'auto' | 'lexical';

/** Parameters of `templates`. */
export interface TemplatesRequest {
	incidentId: string;
	embedder: EmbedderPreference;
	/** Row order: strongest burst first, or most frequent first. */
	sort: 'burst' | 'count';
	/** Rows returned. */
	limit: number;
	/**
	 * Replay cursor: templates as known then — only lines up to it are mined (no search index is
	 * built or read, so nothing after it can leak through a template's counts or samples).
	 */
	asOf?: number;
}

/** Parameters of `search`. */
export interface LogSearchRequest {
	incidentId: string;
	embedder: EmbedderPreference;
	/** Free text. */
	query: string;
	/** Templates returned. */
	k: number;
	/** Sample lines per template. */
	linesPer: number;
	/** Replay cursor (epoch ms): search only the lines up to it, indexed afresh. */
	asOf?: number;
}

/** Parameters of `similar`. */
export interface SimilarRequest {
	incidentId: string;
	embedder: EmbedderPreference;
	/** Library incidents returned. */
	k: number;
	/** Burst factor from which a template is part of the signature. */
	minBurst: number;
	/**
	 * Replay cursor (epoch ms): this incident's signature from what was known then (lines mined up
	 * to it, windows cut there), compared only with incidents that had ended by then.
	 */
	asOf?: number;
}

export interface LogsApi {
	/** Templates of an incident's logs with counts and burst factors (builds or reuses the index). */
	templates(req: TemplatesRequest, jobId?: string, onProgress?: Progress): Promise<TemplatesOutput>;
	/** The k templates best matching a free-text query, with sample lines and scores. */
	search(req: LogSearchRequest, jobId?: string, onProgress?: Progress): Promise<LogSearchOutput>;
	/** The k library incidents most similar to this one, with reasons. */
	similar(
		req: SimilarRequest,
		jobId?: string,
		onProgress?: Progress
	): Promise<SimilarIncidentsOutput>;
	/** Loads the embedder ahead of the first call; says which one and why. */
	warm(embedder: EmbedderPreference): Promise<EmbedderNote>;
	/** Cancels a running job; false when no job has that id. */
	cancel(jobId: string): Promise<boolean>;
}
