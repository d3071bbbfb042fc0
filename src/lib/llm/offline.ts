/**
 * The diagnosis without a model: a deterministic chain of causes from the evidence alone. Ranked
 * candidates win when a causal cell supplied them; otherwise the series that left its baseline
 * first is the suspect, since effects cannot precede their cause; failing both, the series the
 * anomaly detector alerted on first. Labelled as offline in the UI.
 */
import type { ParsedDiagnosis } from '$workers/shared/outputs-llm';
import { round, type AlertNote, type Evidence, type SeriesShift } from './evidence';
import { labelCommand } from './risk';
import { clock } from './clock';

const arrow = (s: SeriesShift) => (s.direction === 'up' ? 'rose' : 'fell');

function step(s: SeriesShift): string {
	const unit = s.unit ? ` ${s.unit}` : '';
	const when = s.departedAt !== undefined ? ` from ${clock(s.departedAt)}` : '';
	return `${s.key} ${arrow(s)}${when}: ${round(s.baselineMean)} → ${round(s.incidentMean)}${unit} (peak ${round(s.peak)}).`;
}

const K8S_OBJECT = /^(Pod|ReplicaSet|Deployment|StatefulSet|DaemonSet|Job|Node)\//;
const K8S_LOG =
	/\b(kubelet|kube-proxy|kube-apiserver|CrashLoopBackOff|ImagePullBackOff|OOMKilled)\b/;

/**
 * Whether the bundle shows the incident ran on Kubernetes: an event read from `kubectl get
 * events`, or a log line only Kubernetes writes. Without such evidence kubectl commands would be
 * a guess about the platform (a bare-metal host has no node to drain).
 */
export function onKubernetes(ev: Evidence): boolean {
	return (
		ev.events.some(
			(e) =>
				e.kind === 'k8s' || (typeof e.attrs?.object === 'string' && K8S_OBJECT.test(e.attrs.object))
		) || ev.logs.some((l) => K8S_LOG.test(l.message) || /^kube-/.test(l.service))
	);
}

/**
 * Read-only checks first, then the usual remediation, for the suspected service: kubectl where
 * the bundle shows Kubernetes, else the host's own tools (systemd, IPMI).
 */
function commandsFor(service: string, k8s: boolean): string[] {
	const host = /^(host|node|rack|server)/i.test(service);
	if (host && k8s)
		return [
			`ipmitool -H ${service} sdr type Temperature`,
			`kubectl describe node ${service}`,
			`kubectl cordon ${service}`,
			`kubectl drain ${service} --ignore-daemonsets --delete-emptydir-data`
		];
	if (host)
		return [
			`ipmitool -H ${service} sdr type Temperature`,
			`ipmitool -H ${service} sel list last 20`,
			`ssh ${service} journalctl -k -p warning --since -1h`
		];
	if (k8s)
		return [
			`kubectl get pods -l app=${service} -o wide`,
			`kubectl logs deploy/${service} --since=1h`,
			`kubectl top pod -l app=${service}`,
			`kubectl rollout restart deploy/${service}`
		];
	return [
		`systemctl status ${service}`,
		`journalctl -u ${service} --since -1h -p warning`,
		`systemctl restart ${service}`
	];
}

function suspect(
	ev: Evidence
): { name: string; service: string; confidence: number; why: string } | undefined {
	const ranked = ev.candidates.filter((c) => c.verdict !== 'refuted');
	if (ranked.length) {
		const [top, next] = ranked;
		// A lone candidate won no comparison: nothing to measure a margin against.
		const margin = next ? (top.score - next.score) / Math.max(Math.abs(top.score), 1e-9) : 0;
		const service = ev.shifts.find((s) => s.key === top.name)?.service ?? top.name.split('.')[0];
		return {
			name: top.name,
			service,
			confidence: 0.5 + 0.4 * Math.max(0, Math.min(1, margin)),
			why: `${next ? 'ranked first by the root-cause analysis' : 'it is the only candidate the root-cause analysis ranked'} (score ${round(top.score)}${top.impact !== undefined ? `, impact ${round(top.impact)}` : ''}${top.verdict ? `, refuter: ${top.verdict}` : ''})`
		};
	}
	const first = ev.shifts.find((s) => s.departedAt !== undefined);
	if (!first) return firstAlerted(ev);
	const second = ev.shifts.find((s) => s !== first && s.departedAt !== undefined);
	const leadMin = second ? (second.departedAt! - first.departedAt!) / 60_000 : 0;
	// A clear lead over the next series makes "first to move" a better cause signal.
	const confidence = Math.min(0.6, 0.3 + 0.03 * leadMin);
	return {
		name: first.key,
		service: first.service,
		confidence,
		why: `it left its baseline first${second ? `, ${round(leadMin)} min before ${second.key}` : ''}`
	};
}

/**
 * With no ranking and no series that left its baseline for good, the series the detector alerted
 * on first (outside its learning period) is the suspect, with low confidence: an alert is one
 * excursion, not a sustained departure.
 */
function firstAlerted(ev: Evidence): ReturnType<typeof suspect> {
	const a = ev.alerts.find((x) => !x.learning);
	if (!a) return undefined;
	const service = ev.shifts.find((s) => s.key === a.series)?.service ?? a.series.split('.')[0];
	return {
		name: a.series,
		service,
		confidence: 0.3,
		why: `the anomaly detector alerted on it first, at ${clock(a.at)}`
	};
}

const alertLine = (a: AlertNote) =>
	`${clock(a.at)} ${a.series}: peak ${round(a.peak)}, score ${round(a.score)} (${a.detector}${a.learning ? ', while learning' : ''}).`;

/** A deploy is a suspect only if its own service moved soon after it (within 15 minutes). */
function deployVerdict(ev: Evidence, service: string | undefined, at: number): string {
	const moved = ev.shifts.find((x) => x.service === service && x.departedAt !== undefined);
	if (!service || !moved)
		return 'precedes the anomaly, but its service shows no departure of its own.';
	const lag = Math.round((moved.departedAt! - at) / 60_000);
	return lag <= 15
		? `precedes the anomaly and ${moved.key} moved ${lag} min later: a suspect.`
		: `${service} did not move until ${lag} min later, after upstream series: likely a coincidence.`;
}

/** Events before the first departure are candidates; the nearest physical one is named. */
function eventLines(ev: Evidence, firstAt: number | undefined): string[] {
	const lines: string[] = [];
	for (const e of ev.events) {
		const before = firstAt !== undefined && e.t <= firstAt;
		const svc = e.service ? ` (${e.service})` : '';
		if (e.kind === 'physical')
			lines.push(
				`Physical event ${clock(e.t)}${svc}: ${e.title}${before ? ' — precedes the first metric departure, consistent with the chain.' : '.'}`
			);
		else if (e.kind === 'deploy')
			lines.push(
				`Deploy ${clock(e.t)}${svc}: ${e.title} — ${before ? deployVerdict(ev, e.service, e.t) : 'after the first departure, so not the trigger.'}`
			);
	}
	return lines;
}

/** Builds the offline explanation. Deterministic for the same evidence. */
export function offlineDiagnosis(ev: Evidence): ParsedDiagnosis {
	const s = suspect(ev);
	const chain = ev.shifts.filter((x) => x.departedAt !== undefined).slice(0, 8);
	const lines = ['Offline explanation (no language model): derived from the evidence alone.', ''];
	if (s) lines.push(`Most likely root cause: ${s.name}, because ${s.why}.`, '');
	if (chain.length) {
		lines.push('Chain of effects, in the order the series left their baseline:');
		chain.forEach((x, i) => lines.push(`${i + 1}. ${step(x)}`));
	} else if (ev.alerts.length)
		// The shifts test sustained departures; a spike the detector paged on is still evidence.
		lines.push('No series left its baseline for good, but the anomaly detector alerted.');
	else lines.push('No series left its baseline for good: the evidence shows no clear anomaly.');
	if (ev.alerts.length) {
		// Alerts raised while the detector was still learning the series are less sure: shown
		// only when there are no others.
		const sure = ev.alerts.filter((a) => !a.learning);
		const shown = (sure.length ? sure : ev.alerts).slice(0, 3);
		const learning = sure.length ? ev.alerts.length - sure.length : 0;
		lines.push('', 'Anomaly detector alerts, earliest first:');
		shown.forEach((a, i) => lines.push(`${i + 1}. ${alertLine(a)}`));
		const more = [
			ev.alerts.length - shown.length - learning > 0
				? `${ev.alerts.length - shown.length - learning} more`
				: '',
			learning ? `${learning} raised while it was still learning the series` : ''
		].filter(Boolean);
		if (more.length) lines.push(`(Not listed: ${more.join('; ')}.)`);
	}
	const evLines = eventLines(ev, chain[0]?.departedAt);
	if (evLines.length) lines.push('', ...evLines);
	for (const f of ev.forecast.slice(0, 3)) lines.push(`Forecast ${f.series}: ${f.summary}`);
	const tpl = ev.templates[0];
	if (tpl) lines.push(`Most bursting log template: ${tpl.template} (${tpl.count}×).`);
	return {
		explanation: lines.join('\n'),
		rootCause: s?.name ?? '',
		confidence: Math.round((s?.confidence ?? 0) * 100) / 100,
		commands: s ? commandsFor(s.service, onKubernetes(ev)).map(labelCommand) : [],
		warnings: []
	};
}
