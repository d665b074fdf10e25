// Entry module of the pool's worker threads (loaded by piscina from dist/).
import { checkTarget } from '../check/check-target';
import { checkWorker } from './worker-task';

export default checkWorker(checkTarget);
