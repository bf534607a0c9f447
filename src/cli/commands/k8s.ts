// `lth k8s FILE --shards N --image IMG [...]`: writes a Kubernetes Indexed Job of the sweep's N
// shards and the merge Job to apply after it (see core/cluster/kubernetesJob).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadClusterExperiment } from '../../core/cluster/clusterExperiment';
import { checkSameCluster, writeClusterRun } from '../../core/cluster/clusterRun';
import { imageProblem, kubernetesManifests, MERGE_MANIFEST, SHARDS_MANIFEST, storageProblem, VOLUME_MOUNT } from '../../core/cluster/kubernetesJob';
import { writeFileAtomic } from '../../core/runs/atomicWrite';
import { FileSystemError } from '../../core/runs/fileSystemError';
import { errorMessage } from '../../shared/errorMessage';
import { parseCommandLine, positiveInteger, UsageError } from '../arguments';
import { EXIT, processIo, type CliIo } from '../cliIo';
import { clusterFolder, DEFAULT_CLUSTER_ROOT, fileAndShards } from '../clusterOptions';

export const K8S_USAGE = `Usage: lth k8s FILE --shards N --image IMG [--max-parallel K] [--cpus-per-task C]
               [--retries R] [--claim NAME | --storage SIZE] [--lth-command CMD] [--out DIR]

Writes, into DIR, Kubernetes manifests for the sweep as N shards:
  ${SHARDS_MANIFEST}  a ConfigMap with FILE, a ReadWriteMany PersistentVolumeClaim for the run
                  folders (unless --claim), and an Indexed Job (completionMode: Indexed): pod i
                  runs lth run --shard i+1/N (from JOB_COMPLETION_INDEX) into
                  ${VOLUME_MOUNT}/<job>/shards/shard-<i+1>/ on the volume; each index is retried
                  on its own (backoffLimitPerIndex). Applying it again resumes every shard.
  ${MERGE_MANIFEST}   a Job running lth merge of the shard folders into ${VOLUME_MOUNT}/<job>/merged/;
                  apply it when the shards' Job has finished.
IMG must contain LTH Lab (node and lth); anything FILE reads besides itself must be in IMG too.

  --shards N          shards (the Job's completions)
  --image IMG         the container image
  --max-parallel K    pods at once (the Job's parallelism; default N)
  --cpus-per-task C   CPUs requested per pod and worker threads per shard (default 1)
  --retries R         retries per shard before it counts as failed (default 2)
  --claim NAME        an existing ReadWriteMany claim for the run folders
  --storage SIZE      size of the claim written otherwise (default 1Gi)
  --lth-command CMD   how IMG starts lth (default "lth"; e.g. "node /app/dist/cli.js")
  --out DIR           where the manifests go (default: ${DEFAULT_CLUSTER_ROOT}/<experiment>)

Exit codes: 0 written, 1 invalid FILE, 2 usage error.
`;

export async function k8sCommand(argv: string[], io: CliIo = processIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    shards: { type: 'string' },
    image: { type: 'string' },
    'max-parallel': { type: 'string' },
    'cpus-per-task': { type: 'string' },
    retries: { type: 'string' },
    claim: { type: 'string' },
    storage: { type: 'string' },
    'lth-command': { type: 'string' },
    out: { type: 'string' },
  });
  const { configPath, shards } = fileAndShards(positionals, values.shards);
  if (values.image === undefined) throw new UsageError('--image IMG is required: a container image with LTH Lab in it');
  if (values.claim !== undefined && values.storage !== undefined) throw new UsageError('--claim uses an existing claim and --storage sizes a new one; expected only one of them');
  if (values.claim !== undefined && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(values.claim)) throw new UsageError(`--claim ${JSON.stringify(values.claim)}: expected the name of a PersistentVolumeClaim (lower-case letters, digits, - and .)`);
  const retries = values.retries === undefined ? 2 : nonNegativeInteger(values.retries, '--retries');
  const lthCommand = (values['lth-command'] ?? 'lth').trim().split(/\s+/);
  if (lthCommand[0] === '') throw new UsageError('--lth-command "": expected the command that starts lth in the image, e.g. lth');
  for (const problem of [imageProblem(values.image), values.storage === undefined ? undefined : storageProblem(values.storage)]) if (problem !== undefined) throw new UsageError(problem);
  const maxParallel = positiveInteger(values['max-parallel'], '--max-parallel');

  try {
    const loaded = await loadClusterExperiment(configPath);
    const clusterDir = clusterFolder(values.out, loaded.experiment);
    checkSameCluster(clusterDir, loaded.configHash);
    const manifests = kubernetesManifests({
      experiment: loaded.experiment,
      configFileName: configPath,
      configText: readConfig(loaded.configPath),
      shards,
      image: values.image,
      lthCommand,
      cpusPerTask: positiveInteger(values['cpus-per-task'], '--cpus-per-task') ?? 1,
      retriesPerShard: retries,
      storage: values.storage ?? '1Gi',
      ...(values.claim === undefined ? {} : { claim: values.claim }),
      ...(maxParallel === undefined ? {} : { maxParallel }),
    });
    writeClusterRun(clusterDir, { engine: 'kubernetes', ...loaded, shards, createdAt: new Date().toISOString() });
    writeFileAtomic(join(clusterDir, SHARDS_MANIFEST), manifests.shards);
    writeFileAtomic(join(clusterDir, MERGE_MANIFEST), manifests.merge);
    io.stdout.write(
      `Wrote ${join(clusterDir, SHARDS_MANIFEST)} (${shards} shards) and ${join(clusterDir, MERGE_MANIFEST)}\n` +
        `Run with:\n  kubectl apply -f ${join(clusterDir, SHARDS_MANIFEST)}\n` +
        `  kubectl wait --for=condition=complete --timeout=24h job/${manifests.jobName}   (or condition=failed when a shard gave up)\n` +
        `  kubectl apply -f ${join(clusterDir, MERGE_MANIFEST)}\n` +
        `The merged run folder is ${VOLUME_MOUNT}/${manifests.jobName}/merged on the volume.\n`,
    );
    return EXIT.ok;
  } catch (error) {
    io.stderr.write(`lth k8s: ${errorMessage(error)}\n`);
    return EXIT.failed;
  }
}

function readConfig(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new FileSystemError('read', path, error);
  }
}

function nonNegativeInteger(value: string, option: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${option} ${JSON.stringify(value)}: expected a whole number (0 or more)`);
  return Number(value);
}
