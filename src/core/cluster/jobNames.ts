// Names of a cluster's jobs, made from an experiment's name (which may hold spaces and any
// printable character): Slurm job names for #SBATCH lines, and Kubernetes object names, which
// must be DNS-1123 labels (lower-case letters, digits and '-', starting and ending alphanumeric).

/** "phase transition (v2)" -> "lth-phase-transition-v2": letters, digits, '-', '_' and '.', at most 64 characters. */
export function slurmJobName(experiment: string): string {
  const safe = experiment.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '');
  return `lth-${safe || 'experiment'}`.slice(0, 64);
}

/**
 * A DNS-1123 label for the experiment's objects, short enough for the suffix the caller adds
 * (`suffix`, e.g. "-merge") and for the index Kubernetes appends to an Indexed Job's pod names.
 */
export function kubernetesName(experiment: string, suffix = ''): string {
  const maxStem = 52 - suffix.length;
  const safe = experiment
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  const stem = `lth-${safe || 'experiment'}`.slice(0, maxStem).replace(/-+$/, '');
  return `${stem}${suffix}`;
}
