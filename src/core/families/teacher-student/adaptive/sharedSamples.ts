// An adaptive search probes different N for each r; a chart with one line per N would then draw
// dozens of lines of one or two points. Such a chart keeps the N values every r has (the coarse
// pass).
import type { TrialRecord } from '../../../../shared/trialRecord';

export function recordsAtSharedSamples(records: readonly TrialRecord[]): readonly TrialRecord[] {
  const samplesByR = new Map<unknown, Set<unknown>>();
  for (const record of records) {
    const samples = samplesByR.get(record.nonzerosPerNeuron) ?? new Set();
    samples.add(record.samples);
    samplesByR.set(record.nonzerosPerNeuron, samples);
  }
  const columns = [...samplesByR.values()];
  const shared = (samples: unknown) => columns.every((column) => column.has(samples));
  return records.filter((record) => shared(record.samples));
}
