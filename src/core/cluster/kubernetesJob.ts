// The manifests of `lth k8s`: an Indexed Job whose pod i runs shard i+1 of N (Kubernetes sets
// JOB_COMPLETION_INDEX), each index retried on its own (backoffLimitPerIndex), the experiment
// file in a ConfigMap, the run folders on a shared volume (a ReadWriteMany claim); and a merge
// Job to apply once the shards are done. A re-applied Job resumes every shard, as on Slurm: the
// shard folders on the volume keep what finished.
import { basename } from 'node:path';
import { stringify } from 'yaml';
import { kubernetesName } from './jobNames';
import { shellCommand, shellQuote } from './shellQuote';

export const SHARDS_MANIFEST = 'lth-shards.yaml';
export const MERGE_MANIFEST = 'lth-merge.yaml';
/** Where the pods see the volume of run folders, and the experiment file. */
export const VOLUME_MOUNT = '/lth';
export const CONFIG_MOUNT = '/config';
/** A ConfigMap holds at most 1 MiB; the file must fit with room for the object around it. */
export const MAX_CONFIG_BYTES = 900 * 1024;
/** What a ConfigMap key may be. */
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

export interface KubernetesJobOptions {
  experiment: string;
  /** The experiment file as written (its name is kept when it is a valid ConfigMap key, so the run folders get the same default name). */
  configFileName: string;
  configText: string;
  shards: number;
  image: string;
  /** How the image starts lth, e.g. ["lth"] or ["node", "/app/dist/cli.js"]. */
  lthCommand: readonly string[];
  cpusPerTask: number;
  /** Pods running at once (the Job's parallelism); all shards when absent. */
  maxParallel?: number;
  /** Retries of each index before it counts as failed. */
  retriesPerShard: number;
  /** An existing ReadWriteMany claim to use; else a claim of `storage` is part of the manifest. */
  claim?: string;
  storage: string;
}

export interface KubernetesManifests {
  shards: string;
  merge: string;
  /** Object names, for the commands to print. */
  jobName: string;
  mergeJobName: string;
}

/** Kubernetes quantities such as 1Gi, 500Mi, 10G. */
const STORAGE_QUANTITY = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$/;

export function storageProblem(storage: string): string | undefined {
  return STORAGE_QUANTITY.test(storage) ? undefined : `--storage ${JSON.stringify(storage)}: expected a Kubernetes quantity such as 1Gi or 500Mi`;
}

/** An image reference is checked only for what would break the command lines: whitespace. */
export function imageProblem(image: string): string | undefined {
  return /^[^\s]+$/.test(image) ? undefined : `--image ${JSON.stringify(image)}: expected an image reference without spaces, e.g. registry.example.org/lth-lab:0.1.0`;
}

export function kubernetesManifests(options: KubernetesJobOptions): KubernetesManifests {
  for (const problem of [storageProblem(options.storage), imageProblem(options.image)]) if (problem !== undefined) throw new Error(problem);
  const configBytes = Buffer.byteLength(options.configText, 'utf8');
  if (configBytes > MAX_CONFIG_BYTES) throw new Error(`the experiment file is ${configBytes} bytes; a ConfigMap holds at most ${MAX_CONFIG_BYTES} of it`);
  const jobName = kubernetesName(options.experiment);
  const mergeJobName = kubernetesName(options.experiment, '-merge');
  const configMapName = kubernetesName(options.experiment, '-config');
  const claimName = options.claim ?? kubernetesName(options.experiment, '-runs');
  const configKey = CONFIG_KEY.test(basename(options.configFileName)) ? basename(options.configFileName) : 'experiment.lth.json';
  const clusterDir = `${VOLUME_MOUNT}/${jobName}`;
  const labels = { 'app.kubernetes.io/name': 'lth-lab', 'app.kubernetes.io/instance': jobName };

  const volumes = [
    { name: 'runs', persistentVolumeClaim: { claimName } },
    { name: 'config', configMap: { name: configMapName } },
  ];
  const volumeMounts = [
    { name: 'runs', mountPath: VOLUME_MOUNT },
    { name: 'config', mountPath: CONFIG_MOUNT, readOnly: true },
  ];
  const container = (name: string, script: string, cpus: number) => ({
    name,
    image: options.image,
    command: ['/bin/sh', '-c', script],
    resources: { requests: { cpu: String(cpus) } },
    volumeMounts,
  });
  const shardScript =
    'shard=$((JOB_COMPLETION_INDEX + 1)) && ' +
    `exec ${shellCommand([...options.lthCommand, 'run', `${CONFIG_MOUNT}/${configKey}`, '--shard'])} "$shard/${options.shards}" ` +
    `--out ${shellQuote(`${clusterDir}/shards/shard-`)}"$shard" --workers ${options.cpusPerTask}`;
  const mergeScript = `exec ${shellCommand([...options.lthCommand, 'merge'])} ${shellQuote(`${clusterDir}/shards/shard-`)}* --out ${shellQuote(`${clusterDir}/merged`)}`;

  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: configMapName, labels }, data: { [configKey]: options.configText } };
  const claim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: claimName, labels },
    // ReadWriteMany: the shards' pods may run on different nodes and all write the volume.
    spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: options.storage } } },
  };
  const shardsJob = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: jobName, labels },
    spec: {
      completionMode: 'Indexed',
      completions: options.shards,
      parallelism: Math.min(options.maxParallel ?? options.shards, options.shards),
      backoffLimitPerIndex: options.retriesPerShard,
      template: {
        metadata: { labels },
        spec: { restartPolicy: 'Never', containers: [container('shard', shardScript, options.cpusPerTask)], volumes },
      },
    },
  };
  const mergeJob = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: mergeJobName, labels },
    spec: {
      backoffLimit: 2,
      template: { metadata: { labels }, spec: { restartPolicy: 'Never', containers: [container('merge', mergeScript, 1)], volumes } },
    },
  };
  const header = (what: string) => `# LTH Lab: ${options.experiment.replace(/[\r\n]+/g, ' ')}: ${what} (written by lth k8s).\n`;
  return {
    shards: header(`${options.shards} shards as an Indexed Job; pod i runs shard i+1`) + documents([configMap, ...(options.claim ? [] : [claim]), shardsJob]),
    merge: header(`merges the shards into ${clusterDir}/merged; apply after ${jobName} has finished`) + documents([mergeJob]),
    jobName,
    mergeJobName,
  };
}

function documents(objects: readonly object[]): string {
  return objects.map((object) => stringify(object, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}
