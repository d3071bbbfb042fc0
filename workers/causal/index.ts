/** Causal worker entry: exposes the causal API over comlink. */
import { expose } from 'comlink';
import { createCausalApi } from './service';

expose(createCausalApi());
