// The toy family's trial worker: what dist/trialWorker.js is for the built-in kinds.
import { parentPort } from 'node:worker_threads';
import { serveTrials } from '../../../../src/core/execution/workerProtocol';
import { toyLoss, type ToySpec } from './family';

serveTrials(parentPort!, { toy: (spec: ToySpec) => ({ loss: toyLoss(spec), seconds: 0 }) });
