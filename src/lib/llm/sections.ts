/**
 * One builder per optional prompt section. A builder returns undefined when its evidence is absent,
 * so a notebook without (say) a forecast cell simply has no forecast section.
 */
import { clock } from './clock';
import { round, type Evidence } from './evidence';
import type { DraftSection } from './prompt';

const minutesFrom = (t: number, onset?: number): string => {
	if (onset === undefined) return '';
	const m = Math.round((t - onset) / 60_000);
	return ` (${m >= 0 ? '+' : ''}${m} min vs onset)`;
};

const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

function anomaly(ev: Evidence): DraftSection {
	const lines = [
		`Title: ${ev.title}`,
		ev.asOf !== undefined
			? `Replay: this is what was known at ${clock(ev.asOf)}. Nothing after that moment is included; do not assume how the incident continued.`
			: '',
		`Window: ${clock(ev.range.start)} to ${clock(ev.range.end)}`,
		// At a replay cursor before the declared onset, the onset is hindsight.
		ev.onset !== undefined && (ev.asOf === undefined || ev.onset <= ev.asOf)
			? `Onset (first user-visible impact): ${clock(ev.onset)}`
			: '',
		ev.baseline ? `Baseline: ${clock(ev.baseline.start)} to ${clock(ev.baseline.end)}` : '',
		ev.shifts.length ? 'Series that moved, earliest departure first:' : 'No series moved clearly.'
	].filter(Boolean);
	for (const s of ev.shifts.slice(0, 12)) {
		const unit = s.unit ? ` ${s.unit}` : '';
		const when =
			s.departedAt !== undefined
				? `left baseline ${clock(s.departedAt)}${minutesFrom(s.departedAt, ev.onset)}`
				: 'no sustained departure';
		lines.push(
			`- ${s.key} ${s.direction === 'up' ? '↑' : '↓'} ${round(s.baselineMean)} → ${round(s.incidentMean)}${unit} (peak ${round(s.peak)}, z ${round(s.z)}); ${when}`
		);
	}
	return { id: 'anomaly', title: 'Anomaly and timing', priority: 100, text: lines.join('\n') };
}

function candidates(ev: Evidence): DraftSection | undefined {
	if (!ev.candidates.length) return undefined;
	const text = ev.candidates
		.slice(0, 5)
		.map(
			(c, i) =>
				`${i + 1}. ${c.name}: score ${round(c.score)}${c.impact !== undefined ? `, impact on the symptom ${round(c.impact)} SD/SD` : ''}${c.verdict ? `; refuter: ${c.verdict}` : ''}${c.chain ? `; chain: ${c.chain}` : ''}`
		)
		.join('\n');
	return { id: 'candidates', title: 'Root-cause candidates (ranked)', priority: 90, text };
}

function alerts(ev: Evidence): DraftSection | undefined {
	if (!ev.alerts.length) return undefined;
	const text = ev.alerts
		.slice(0, 10)
		.map(
			(a) =>
				`${clock(a.at)}${minutesFrom(a.at, ev.onset)} ${a.series}: peak ${round(a.peak)}, score ${round(a.score)} (${a.detector}${a.learning ? ', while still learning the series: less sure' : ''})`
		)
		.join('\n');
	return {
		id: 'alerts',
		title: 'Anomaly detector alerts (when it would have paged), earliest first',
		priority: 85,
		text
	};
}

function events(ev: Evidence): DraftSection | undefined {
	if (!ev.events.length) return undefined;
	const text = ev.events
		.slice(0, 20)
		.map((e) => {
			const svc = e.service ? ` ${e.service}` : '';
			const detail = e.detail ? ` — ${cut(e.detail, 200)}` : '';
			return `${clock(e.t)}${minutesFrom(e.t, ev.onset)} [${e.kind}]${svc}: ${e.title}${detail}`;
		})
		.join('\n');
	return { id: 'events', title: 'Physical, deploy and other events', priority: 80, text };
}

function templates(ev: Evidence): DraftSection | undefined {
	if (!ev.templates.length) return undefined;
	const text = ev.templates
		.slice(0, 10)
		.map(
			(t) =>
				`${t.count}×${t.burst !== undefined ? ` (burst ${round(t.burst)}×)` : ''} ${cut(t.template, 200)}`
		)
		.join('\n');
	return {
		id: 'templates',
		title: 'Log templates that burst during the incident',
		priority: 70,
		text
	};
}

function forecast(ev: Evidence): DraftSection | undefined {
	if (!ev.forecast.length) return undefined;
	const text = ev.forecast
		.slice(0, 8)
		.map((f) => `${f.series}: ${cut(f.summary, 200)}`)
		.join('\n');
	return { id: 'forecast', title: 'Forecast', priority: 60, text };
}

function logs(ev: Evidence): DraftSection | undefined {
	if (!ev.logs.length) return undefined;
	const text = ev.logs
		.slice(0, 20)
		.map((l) => `${clock(l.t)} ${l.level} ${l.service}: ${cut(l.message, 200)}`)
		.join('\n');
	return { id: 'logs', title: 'Log sample (errors first)', priority: 50, text };
}

function similar(ev: Evidence): DraftSection | undefined {
	if (!ev.similar.length) return undefined;
	const text = ev.similar
		.slice(0, 3)
		.map(
			(s) =>
				`${s.id}: ${cut(s.title, 120)}${s.rootCause ? `; root cause: ${s.rootCause}` : ''}${s.score !== undefined ? ` (similarity ${round(s.score)})` : ''}${s.reason ? `; why: ${cut(s.reason, 240)}` : ''}`
		)
		.join('\n');
	return { id: 'similar', title: 'Similar past incidents', priority: 40, text };
}

function notes(ev: Evidence): DraftSection | undefined {
	if (!ev.notes.length) return undefined;
	const text = ev.notes
		.slice(0, 20)
		.map((n) => {
			const who = n.author ? ` by ${n.author}` : '';
			const tags = n.tags.length ? ` [${n.tags.join(', ')}]` : '';
			return `${n.about}${tags}${who}: ${cut(n.text.replace(/\s+/g, ' ').trim(), 400)}`;
		})
		.join('\n');
	return {
		id: 'notes',
		title: "Analyst's notes (their reading, not measurements)",
		priority: 45,
		text
	};
}

function stats(ev: Evidence): DraftSection | undefined {
	if (!ev.stats.length) return undefined;
	const text = ev.stats
		.slice(0, 15)
		.map((s) => `${s.series}: mean ${round(s.mean)}, p95 ${round(s.p95)}, max ${round(s.max)}`)
		.join('\n');
	return { id: 'stats', title: 'Window statistics', priority: 30, text };
}

/** In prompt order. */
export const SECTION_BUILDERS: ((ev: Evidence) => DraftSection | undefined)[] = [
	anomaly,
	candidates,
	alerts,
	events,
	templates,
	forecast,
	logs,
	notes,
	similar,
	stats
];
