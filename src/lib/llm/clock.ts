/** `2026-03-14 03:50Z`: minute precision is what an incident timeline needs (prompt and offline text). */
export const clock = (t: number): string =>
	new Date(t).toISOString().slice(0, 16).replace('T', ' ') + 'Z';
