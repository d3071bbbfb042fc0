/** Metrics worker entry: exposes the metrics API over comlink. */
import { expose } from 'comlink';
import { createMetricsApi } from './service';

expose(createMetricsApi());
