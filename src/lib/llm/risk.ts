/**
 * Local risk labels for remediation commands. The product never runs them; the label tells the
 * engineer what a command would do before they paste it. A pipeline or `&&` chain gets the worst
 * label of its parts, and an unrecognised verb is 'unknown' (never silently 'read-only').
 */
import type { CommandRisk, RemediationCommand } from '$workers/shared/outputs-llm';

const DESTRUCTIVE = [
	'delete',
	'drop',
	'kill',
	'pkill',
	'killall',
	'rm',
	'rmdir',
	'truncate',
	'destroy',
	'purge',
	'wipe',
	'mkfs',
	'dd',
	'shred',
	'flushall',
	'flushdb',
	'terminate',
	'uninstall'
];
const MUTATING = [
	'scale',
	'restart',
	'rollout',
	'apply',
	'patch',
	'set',
	'edit',
	'replace',
	'cordon',
	'uncordon',
	'drain',
	'taint',
	'label',
	'annotate',
	'start',
	'stop',
	'reload',
	'reboot',
	'shutdown',
	'update',
	'upgrade',
	'insert',
	'alter',
	'create',
	'install',
	'mv',
	'cp',
	'chmod',
	'chown',
	'exec',
	'run',
	'migrate',
	'failover',
	'promote',
	'resize',
	'enable',
	'disable',
	'mount',
	'umount',
	'tee'
];
const READ_ONLY = [
	'get',
	'describe',
	'logs',
	'log',
	'top',
	'show',
	'status',
	'list',
	'ls',
	'cat',
	'tail',
	'head',
	'grep',
	'journalctl',
	'ps',
	'df',
	'du',
	'free',
	'uptime',
	'sensors',
	'sdr',
	'sel',
	'select',
	'dig',
	'ping',
	'traceroute',
	'netstat',
	'ss',
	'iostat',
	'vmstat',
	'dmesg',
	'events',
	'explain',
	'version',
	'info',
	'inspect',
	'history',
	'diff',
	'watch',
	'less',
	'wc',
	'find',
	'curl'
];

const RANK: Record<CommandRisk, number> = {
	unknown: 1,
	'read-only': 0,
	mutating: 2,
	destructive: 3
};

/** Wrappers and flags that do not change what the command does. */
const SKIP = new Set(['sudo', 'env', 'time', 'nice', 'nohup', '-n', '--']);

function labelPart(part: string): { risk: CommandRisk; reason: string } {
	const words = part
		.trim()
		.toLowerCase()
		.split(/\s+/)
		.filter((w) => w && !SKIP.has(w) && !/^[A-Z_]+=/i.test(w));
	// `rm -rf`, `kill -9`: flags never make a command safer, so check every word for a bad verb.
	for (const w of words) {
		const bare = w.replace(/^[^a-z]+|[^a-z]+$/g, '');
		if (DESTRUCTIVE.includes(bare))
			return { risk: 'destructive', reason: `"${bare}" removes or stops something` };
	}
	for (const w of words) {
		const bare = w.replace(/^[^a-z]+|[^a-z]+$/g, '');
		if (MUTATING.includes(bare))
			return { risk: 'mutating', reason: `"${bare}" changes live state` };
	}
	for (const w of words) {
		const bare = w.replace(/^[^a-z]+|[^a-z]+$/g, '');
		if (READ_ONLY.includes(bare)) return { risk: 'read-only', reason: `"${bare}" only reads` };
	}
	return { risk: 'unknown', reason: 'no known verb: read it before running' };
}

/** Labels one command line. */
export function labelCommand(command: string): RemediationCommand {
	let worst: { risk: CommandRisk; reason: string } | undefined;
	for (const part of command.split(/\|\||&&|\||;/)) {
		if (!part.trim()) continue;
		const l = labelPart(part);
		if (!worst || RANK[l.risk] > RANK[worst.risk]) worst = l;
	}
	worst ??= { risk: 'unknown', reason: 'empty command' };
	// Output redirection writes a file: at least mutating, whatever the verb.
	if (/(^|[^2&])>{1,2}\s*[^&\s]/.test(command) && RANK[worst.risk] < RANK.mutating) {
		worst = { risk: 'mutating', reason: 'redirects output into a file' };
	}
	return { command: command.trim(), ...worst };
}
