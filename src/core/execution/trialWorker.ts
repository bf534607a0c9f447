// Entry of each worker thread of the trial pool (bundled as dist/trialWorker.js): runs one
// training per task with the runner of its experiment kind and sends its metrics back.
// Stateless, so the pool can reuse it forever.
import { parentPort } from 'node:worker_threads';
import { BUILT_IN_TRIAL_RUNNERS } from '../families/trialRunners';
import { serveTrials } from './workerProtocol';

if (!parentPort) throw new Error('trialWorker must run in a worker thread (it is started by WorkerPool)');
serveTrials(parentPort, BUILT_IN_TRIAL_RUNNERS);
