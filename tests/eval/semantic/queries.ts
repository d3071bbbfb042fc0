/**
 * Natural-language queries for `npm run eval -- semantic`, written before any result was seen.
 * Relevant templates are labelled from Loghub's ground truth: every ground-truth template whose
 * text matches `relevant`. The regexes were fixed with the queries and are not tuned to results.
 */
export interface SemanticQuery {
	query: string;
	relevant: RegExp;
}

export const QUERIES: SemanticQuery[] = [
	{
		query: 'user failed to log in with a wrong password',
		relevant: /Failed password|authentication failure|Invalid user|Failed none/i
	},
	{ query: 'network connection was refused or reset', relevant: /refused|connection reset/i },
	{
		query: 'process ran out of memory',
		relevant: /out of memory|OutOfMemory|insufficient memory|memory exhausted/i
	},
	{
		query: 'a data block was written to a datanode',
		relevant: /Receiving block|Received block|addStoredBlock|allocateBlock/i
	},
	{
		query: 'virtual machine instance started',
		relevant: /VM Started|Instance spawned|VM Resumed/i
	},
	{ query: 'session closed for a user', relevant: /session closed/i },
	{
		query: 'hardware error detected in memory',
		relevant: /ECC|parity error|correctable error|machine check/i
	},
	{ query: 'task failed and will be retried', relevant: /fail.*(task|attempt)|retry|retrying/i },
	{
		query: 'leader election in the cluster',
		relevant: /LEADING|FOLLOWING|election|LOOKING/i
	},
	{ query: 'apache worker child process initialised', relevant: /workerEnv|jk2_init|child/i },
	{ query: 'connection timed out', relevant: /timed ?out|timeout/i },
	{ query: 'shutting down the service', relevant: /shut ?down|shutting down|stopping|stopped/i },
	{
		query: 'reverse DNS lookup failed, possible break-in attempt',
		relevant: /reverse mapping|POSSIBLE BREAK-IN|getaddrinfo/i
	},
	{ query: 'kernel panic or fatal error', relevant: /panic|fatal/i },
	{ query: 'file not found', relevant: /not found|No such file|does not exist/i }
];
