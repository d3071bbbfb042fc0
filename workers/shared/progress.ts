/**
 * How long work reports how far it is: `fraction` of it done (0–1) and a `label` saying what it
 * is doing ("replaying the forecaster: sample 129,024 of 400,000"). One type for every worker: the
 * page shows any of them in the same progress bar, and across a worker boundary the callback is a
 * comlink proxy, so a report is a message — callers throttle it (at most every 1 % or so).
 */
export type Progress = (fraction: number, label: string) => void;
