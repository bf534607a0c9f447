// A trial record with every field filled, for aggregation tests that set only what they check.
import type { TrialRecord } from '../../../src/core/families/teacher-student/types';

export function fakeRecord(overrides: Partial<TrialRecord>): TrialRecord {
  const base: TrialRecord = {
    cell: '',
    samples: 100,
    nonzerosPerNeuron: 5,
    noiseStd: 0,
    momentum: 0.5,
    extraPerNeuron: 0,
    missingPerNeuron: 0,
    initDistance: 0.3,
    pruningRatio: 0.5,
    trial: 0,
    seed: 1,
    relativeError: 0,
    initialRelativeError: 0.3,
    generalizationError: 0,
    relativeGeneralizationError: 0,
    success: true,
    iterations: 10,
    convergenceRate: 0.5,
    iterationsTo1e3: 5,
    iterationsTo1e6: 9,
    trainLoss: 0,
    seconds: 0.01,
    curve: { iterations: [0, 10], relativeError: [0.3, 0] },
  };
  const record = { ...base, ...overrides };
  if (overrides.cell === undefined) record.cell = `N=${record.samples},r=${record.nonzerosPerNeuron},noise=${record.noiseStd}`;
  return record;
}
