// Pages are prerendered shells; everything they show comes from IndexedDB in the browser.
export const prerender = true;
export const ssr = false;
