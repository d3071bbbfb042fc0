/**
 * Notebook keyboard shortcuts as a pure mapping (key event -> action), so the list shown on `?`
 * and the handler cannot drift apart, and the mapping is testable without a browser.
 */

export type KeyAction =
	| 'undo'
	| 'redo'
	| 'help'
	| 'prev'
	| 'next'
	| 'move-up'
	| 'move-down'
	| 'cursor-back'
	| 'cursor-forward'
	| 'cursor-prev-mark'
	| 'cursor-next-mark'
	| 'cursor-clear';

export interface KeyInput {
	key: string;
	ctrlKey: boolean;
	metaKey: boolean;
	shiftKey: boolean;
	altKey: boolean;
}

/**
 * Where the key was pressed: a text field keeps its own keys (native text undo, arrows move the
 * caret); a focused cell gets the navigation keys; elsewhere only the global ones apply.
 */
export type KeyPlace = 'field' | 'cell' | 'other';

export function keyAction(e: KeyInput, place: KeyPlace): KeyAction | null {
	if (place === 'field') return null;
	const mod = e.ctrlKey || e.metaKey;
	const key = e.key.toLowerCase();
	if (mod && !e.altKey && key === 'z') return e.shiftKey ? 'redo' : 'undo';
	if (mod && !e.altKey && !e.shiftKey && key === 'y') return 'redo';
	if (e.key === '?' && !mod && !e.altKey) return 'help';
	if (!mod && !e.altKey) {
		const replay = REPLAY_KEYS[e.key];
		if (replay) return replay;
	}
	if (place !== 'cell' || mod || e.shiftKey) return null;
	if (e.key === 'ArrowUp') return e.altKey ? 'move-up' : 'prev';
	if (e.key === 'ArrowDown') return e.altKey ? 'move-down' : 'next';
	return null;
}

/** Replay cursor keys (anywhere but in a text field). */
const REPLAY_KEYS: Record<string, KeyAction> = {
	',': 'cursor-back',
	'.': 'cursor-forward',
	'[': 'cursor-prev-mark',
	']': 'cursor-next-mark',
	'\\': 'cursor-clear'
};

/** Where an event's target sits, for keyAction. */
export function keyPlace(target: EventTarget | null): KeyPlace {
	if (!(target instanceof HTMLElement)) return 'other';
	if (target.matches('input, textarea, select, [contenteditable=""], [contenteditable=true]'))
		return 'field';
	return target.matches('article.cell') ? 'cell' : 'other';
}

/** Every shortcut, for the `?` list (the handlers live in NotebookView and CellFrame). */
export const SHORTCUTS: { keys: string[][]; does: string }[] = [
	{ keys: [['Shift', 'Enter']], does: 'Run the focused cell and go to the next one' },
	{ keys: [['Ctrl', 'Enter']], does: 'Run the focused cell' },
	{ keys: [['↑'], ['↓']], does: 'Focus the previous / next cell' },
	{
		keys: [
			['Alt', '↑'],
			['Alt', '↓']
		],
		does: 'Move the focused cell up / down'
	},
	{
		keys: [['Ctrl', 'Z']],
		does: 'Undo the last edit (add, delete, move, duplicate, params, notes)'
	},
	{
		keys: [
			['Ctrl', 'Shift', 'Z'],
			['Ctrl', 'Y']
		],
		does: 'Redo'
	},
	{ keys: [[','], ['.']], does: 'Replay: move the cursor one step back / forward' },
	{
		keys: [['['], [']']],
		does: 'Replay: jump to the previous / next event, note, anomaly, onset or baseline end'
	},
	{ keys: [['\\']], does: 'Replay: clear the cursor (see the whole incident)' },
	{ keys: [['N']], does: 'On a focused chart: note the read-out time' },
	{ keys: [['M']], does: 'On a focused chart: switch the drag between zoom and note' },
	{ keys: [['Ctrl', 'Enter']], does: 'In the note dialog: save the note' },
	{ keys: [['?']], does: 'Show this list' },
	{ keys: [['Esc']], does: 'Close this list' }
];
