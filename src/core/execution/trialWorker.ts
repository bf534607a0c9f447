// Entry of each worker thread of the trial pool (bundled as dist/trialWorker.js): runs one
// training per task and sends its metrics back. Stateless, so the pool can reuse it forever.
import { parentPort } from 'node:worker_threads';
import type { TrialMetrics, TrialSpec } from '../families/teacher-student/types';
import { runTrial } from '../families/teacher-student/training/runTrial';
import { serveTasks } from './workerProtocol';

if (!parentPort) throw new Error('trialWorker must run in a worker thread (it is started by WorkerPool)');
serveTasks<TrialSpec, TrialMetrics>(parentPort, runTrial);
