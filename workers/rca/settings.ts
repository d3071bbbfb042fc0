/** The one default configuration of the ranking, and how a request's overrides merge into it. */
import { DEFAULT_SCORE } from './score';
import type { RankRequest, RcaSettings } from './types';

export const DEFAULT_SETTINGS: RcaSettings = {
	threshold: 3,
	score: DEFAULT_SCORE,
	familyWeight: { latency: 1, errors: 1, saturation: 1, traffic: 0.5, other: 0.7 },
	indirectWeight: 0.3,
	idleWeight: 0.1,
	peerBaseline: true,
	corroborate: 2,
	corroborationWeight: 0.5,
	leadFraction: 0.25,
	onsets: 'detector',
	walkBack: 0.2,
	ensembleWeights: {
		baro: 1,
		traversal: 1,
		'random-walk': 1,
		causal: 1,
		flows: 4
	}
};

export function mergeSettings(over: RankRequest['settings'] = {}): RcaSettings {
	return {
		...DEFAULT_SETTINGS,
		...over,
		score: { ...DEFAULT_SETTINGS.score, ...over.score },
		familyWeight: { ...DEFAULT_SETTINGS.familyWeight, ...over.familyWeight },
		ensembleWeights: over.ensembleWeights ?? DEFAULT_SETTINGS.ensembleWeights
	};
}
