// Experiment kind -> family: the one place that lists the kinds. Adding a kind is a folder
// under families/ plus one line here (and one in trialRunners.ts for its training).
// Browser-safe: the panel finds a run's family here by its manifest's kind.
import type { ExperimentFamily } from './experimentFamily';
import { lotteryTicketFamily } from './lottery-ticket/family';
import { teacherStudentFamily } from './teacher-student/family';

const families = new Map<string, ExperimentFamily>();

/** Makes a family known by its kind (also how tests plug in a family of their own). */
export function registerFamily(family: ExperimentFamily): void {
  families.set(family.kind, family);
}

registerFamily(teacherStudentFamily);
registerFamily(lotteryTicketFamily);

/** The registered kinds, in registration order. */
export function familyKinds(): string[] {
  return [...families.keys()];
}

export function findFamily(kind: string): ExperimentFamily | undefined {
  return families.get(kind);
}

/** The family of a kind that must be known (a validated file's or a checked manifest's). */
export function familyOf(kind: string): ExperimentFamily {
  const family = families.get(kind);
  if (family === undefined) throw new Error(`unknown experiment kind ${JSON.stringify(kind)}; expected one of ${familyKinds().map((known) => JSON.stringify(known)).join(', ')}`);
  return family;
}
