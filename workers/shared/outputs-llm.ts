/**
 * Output of the `diagnosis` cell (LLM issue). Kept apart from outputs.ts so the union there only
 * gains one import; the prompt, the offline explanation and the parsed answer all live here.
 */

/** How risky a remediation command is, judged locally from its verb (never executed). */
export type CommandRisk = 'read-only' | 'mutating' | 'destructive' | 'unknown';

/** A remediation command proposed by the model or by the offline explanation. */
export interface RemediationCommand {
	/** The command line, exactly as proposed. */
	command: string;
	/** Local risk label. */
	risk: CommandRisk;
	/** Why it got that label (the matched verb). */
	reason: string;
}

/** An explanation reduced to its parts, from the model's answer or from the evidence alone. */
export interface ParsedDiagnosis {
	/** Chain of causes, plain text (markdown-ish lines). */
	explanation: string;
	/** The single most likely root cause ('' when the answer did not name one). */
	rootCause: string;
	/** 0..1; NaN-free (missing = 0). */
	confidence: number;
	commands: RemediationCommand[];
	/** Problems met while parsing (format broken, fields missing); empty when clean. */
	warnings: string[];
}

/** One prompt section, as sent (after redaction and budget). */
export interface PromptSection {
	/** Stable id: 'anomaly', 'candidates', 'forecast', 'templates', 'events', 'similar', ... */
	id: string;
	/** Heading shown in the preview. */
	title: string;
	/** Estimated tokens of the section's text. */
	tokens: number;
}

/** Exactly what would be (or was) sent to the model. */
export interface PromptPreview {
	system: string;
	user: string;
	/** Sections included, in prompt order. */
	sections: PromptSection[];
	/** Ids of sections dropped to fit the token budget, least useful first. */
	dropped: string[];
	/** Estimated tokens of system + user. */
	tokens: number;
	/** Replacements made by redaction, by pattern name. */
	redactions: Record<string, number>;
	/** Hex hash of system + user: identifies the prompt for caching answers and feedback. */
	hash: string;
}

/** Output of a `diagnosis` cell. */
export interface DiagnosisOutput {
	type: 'diagnosis';
	incidentId: string;
	/** 'ask' = send after the user presses Send; 'auto' = send at once; 'never' = send nothing. */
	send: 'ask' | 'auto' | 'never';
	prompt: PromptPreview;
	/** The deterministic explanation from the evidence alone (always present). */
	offline: ParsedDiagnosis;
	/** Which evidence sections had data (for the "what was used" line). */
	evidence: string[];
	/**
	 * A language model's answer to this prompt, attached when a run is recorded (capsule export,
	 * Markdown copy) so a shared notebook carries it; never set by the cell's own run.
	 */
	answer?: StoredAnswer;
}

/** A model's raw answer, as kept per prompt hash. */
export interface StoredAnswer {
	text: string;
	model: string;
}
