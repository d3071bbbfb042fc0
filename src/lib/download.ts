/**
 * Saves bytes or text as a file through the browser's download, the one way the app hands the
 * analyst a file (capsules, notebooks, feedback, captured bundles). The object URL lives a second:
 * long enough for the click to start the download.
 */
export function downloadBlob(blob: Blob, name: string): void {
	const url = URL.createObjectURL(blob);
	Object.assign(document.createElement('a'), { href: url, download: name }).click();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
