// Output types are shared with the workers that produce them; the UI imports them from here.
export type * from '$workers/shared/outputs';
