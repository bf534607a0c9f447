// The toy family's trial worker: what dist/trialWorker.js is for the built-in kinds. A chain of
// `links` parts carries a running total from part to part through an artifact, as a pruning
// chain carries its mask, so a resumed chain must have been handed the right one.
import { parentPort } from 'node:worker_threads';
import { serveTrials, type TrialIo } from '../../../../src/core/execution/workerProtocol';
import { toyLoss, type ToySpec } from './family';

function runToy(spec: ToySpec, io: TrialIo): object {
  const resumed = io.resume?.parts.length ?? 0;
  let total = resumed === 0 ? 0 : new Float64Array(io.resume!.artifacts[resumed - 1].total.slice().buffer)[0];
  for (let link = resumed; link < spec.links; link++) {
    const end = Date.now() + spec.partMs;
    while (Date.now() < end); // busy, like a training: a cancel must cut it off
    total += toyLoss(spec) * (link + 1);
    io.emitPart({ metrics: { loss: toyLoss(spec), link, total, resumedAt: resumed, seconds: 0 }, artifacts: { total: new Uint8Array(new Float64Array([total]).buffer) } });
  }
  return {};
}

serveTrials(parentPort!, { toy: runToy });
