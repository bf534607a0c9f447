// lth k8s's manifests, parsed back with the yaml library and checked for what an API server
// requires of them: names that are DNS-1123 labels, an Indexed Job with completions and a
// per-index backoff limit, a restart policy a Job accepts, mounts of declared volumes, a claim and
// a ConfigMap that exist (or are named), and a shard command driven by JOB_COMPLETION_INDEX.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { main } from '../../../src/cli/main';
import { kubernetesManifests, MERGE_MANIFEST, SHARDS_MANIFEST } from '../../../src/core/cluster/kubernetesJob';
import { kubernetesName } from '../../../src/core/cluster/jobNames';
import { bufferIo } from '../cli/bufferIo';
import { temporaryDir, writeTinyExperiment } from '../execution/fixtures/tinyExperiment';

/** Parsed YAML whose shape is what these tests check, so it is read without a static type. */
type Parsed = any;

interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Parsed;
  data?: Record<string, string>;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function parseManifest(text: string): KubeObject[] {
  const documents = parseAllDocuments(text);
  assert.ok(Array.isArray(documents), 'YAML documents');
  for (const document of documents) assert.deepEqual(document.errors, [], 'the YAML parses without errors');
  return documents.map((document) => document.toJS() as KubeObject);
}

/** What the API server checks of any object here, and of a Job's pod template. */
function checkObject(object: KubeObject): void {
  assert.ok(['v1', 'batch/v1'].includes(object.apiVersion), `apiVersion ${object.apiVersion}`);
  assert.match(object.metadata.name, DNS_LABEL);
  assert.ok(object.metadata.name.length <= 63);
  for (const [key, value] of Object.entries(object.metadata.labels ?? {})) {
    assert.match(key, /^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/);
    assert.ok(value.length <= 63);
  }
  if (object.kind !== 'Job') return;
  const pod = object.spec.template.spec;
  assert.ok(['Never', 'OnFailure'].includes(pod.restartPolicy), 'a Job pod restarts Never or OnFailure');
  assert.ok(pod.containers.length >= 1);
  const volumeNames = new Set(pod.volumes.map((volume: { name: string }) => volume.name));
  for (const container of pod.containers) {
    assert.match(container.name, DNS_LABEL);
    assert.equal(typeof container.image, 'string');
    assert.ok(container.command.every((word: unknown) => typeof word === 'string'));
    for (const mount of container.volumeMounts) {
      assert.ok(volumeNames.has(mount.name), `mount of a declared volume: ${mount.name}`);
      assert.ok(mount.mountPath.startsWith('/'));
    }
  }
}

function tinyOptions(overrides = {}) {
  return { experiment: 'Tiny Sweep', configFileName: '/x/tiny.lth.json', configText: '{ "kind": "teacher-student" }\n', shards: 6, image: 'registry.example.org/lth-lab:0.1.0', lthCommand: ['lth'], cpusPerTask: 2, retriesPerShard: 3, storage: '2Gi', ...overrides };
}

test('k8s: an Indexed Job of N shards, each index retried on its own, over a claim and a ConfigMap it declares', () => {
  const manifests = kubernetesManifests({ ...tinyOptions(), maxParallel: 4 });
  const objects = parseManifest(manifests.shards);
  objects.forEach(checkObject);
  assert.deepEqual(objects.map((object) => object.kind), ['ConfigMap', 'PersistentVolumeClaim', 'Job']);
  const [configMap, claim, job] = objects;
  assert.equal(configMap.data?.['tiny.lth.json'], '{ "kind": "teacher-student" }\n', 'the experiment file, byte for byte');
  assert.deepEqual(claim.spec.accessModes, ['ReadWriteMany']);
  assert.equal(claim.spec.resources.requests.storage, '2Gi');
  assert.equal(job.metadata.name, 'lth-tiny-sweep');
  assert.equal(job.spec.completionMode, 'Indexed');
  assert.equal(job.spec.completions, 6);
  assert.equal(job.spec.parallelism, 4);
  assert.equal(job.spec.backoffLimitPerIndex, 3);
  assert.equal(job.spec.template.spec.restartPolicy, 'Never', 'backoffLimitPerIndex needs restartPolicy Never');
  const pod = job.spec.template.spec;
  assert.equal(pod.volumes.find((volume: Parsed) => volume.persistentVolumeClaim)?.persistentVolumeClaim.claimName, claim.metadata.name);
  assert.equal(pod.volumes.find((volume: Parsed) => volume.configMap)?.configMap.name, configMap.metadata.name);
  const container = pod.containers[0];
  assert.equal(container.image, 'registry.example.org/lth-lab:0.1.0');
  assert.equal(container.resources.requests.cpu, '2');

  // The shard command, run by sh with the index Kubernetes sets: pod 5 runs shard 6/6.
  const [shell, flag, script] = container.command;
  assert.deepEqual([shell, flag], ['/bin/sh', '-c']);
  const printed = spawnSync('sh', ['-c', script.replace(/exec lth /, 'exec printf "%s\\n" ')], { encoding: 'utf8', env: { ...process.env, JOB_COMPLETION_INDEX: '5' } });
  assert.deepEqual(printed.stdout.trim().split('\n'), ['run', '/config/tiny.lth.json', '--shard', '6/6', '--out', '/lth/lth-tiny-sweep/shards/shard-6', '--workers', '2']);
});

test('k8s: the merge Job mounts the same volume and merges every shard folder into one run folder', () => {
  const manifests = kubernetesManifests(tinyOptions());
  const [merge] = parseManifest(manifests.merge);
  checkObject(merge);
  assert.equal(merge.kind, 'Job');
  assert.equal(merge.metadata.name, manifests.mergeJobName);
  assert.equal(merge.spec.completionMode, undefined);
  assert.match(merge.spec.template.spec.containers[0].command[2], /^exec lth merge \/lth\/lth-tiny-sweep\/shards\/shard-\* --out \/lth\/lth-tiny-sweep\/merged$/);
});

test('k8s: --claim uses an existing claim (no claim object), and a file name that is no ConfigMap key gets one', () => {
  const manifests = kubernetesManifests({ ...tinyOptions(), claim: 'shared-runs', configFileName: '/x/my sweep.lth.json', lthCommand: ['node', '/app/dist/cli.js'] });
  const objects = parseManifest(manifests.shards);
  assert.deepEqual(objects.map((object) => object.kind), ['ConfigMap', 'Job']);
  assert.deepEqual(Object.keys(objects[0].data ?? {}), ['experiment.lth.json']);
  const pod = objects[1].spec.template.spec;
  assert.equal(pod.volumes[0].persistentVolumeClaim.claimName, 'shared-runs');
  assert.match(pod.containers[0].command[2], /exec node \/app\/dist\/cli\.js run \/config\/experiment\.lth\.json/);
});

test('k8s: names are DNS-1123 labels short enough for the pod index suffix', () => {
  for (const name of ['Phase Transition!', '---', 'x'.repeat(200), 'ÄÖÜ sweep']) {
    for (const suffix of ['', '-merge', '-config', '-runs']) {
      const label = kubernetesName(name, suffix);
      assert.match(label, DNS_LABEL);
      assert.ok(label.length <= 52, label);
    }
  }
});

test('k8s: the CLI writes both manifests; bad options are usage errors without stack traces', async () => {
  const dir = temporaryDir('lth-k8s-');
  const configPath = writeTinyExperiment(dir);
  const io = bufferIo();
  assert.equal(await main(['k8s', configPath, '--shards', '3', '--image', 'lth:1', '--out', join(dir, 'k')], io), 0, io.err());
  assert.match(io.out(), /kubectl apply -f .*lth-shards\.yaml/);
  parseManifest(readFileSync(join(dir, 'k', SHARDS_MANIFEST), 'utf8')).forEach(checkObject);
  parseManifest(readFileSync(join(dir, 'k', MERGE_MANIFEST), 'utf8')).forEach(checkObject);
  for (const [argv, message] of [
    [[configPath, '--shards', '3'], /--image IMG is required/],
    [[configPath, '--image', 'lth:1'], /--shards N is required/],
    [[configPath, '--shards', '3', '--image', 'lth 1'], /--image "lth 1": expected an image reference without spaces/],
    [[configPath, '--shards', '3', '--image', 'lth:1', '--storage', 'lots'], /--storage "lots": expected a Kubernetes quantity/],
    [[configPath, '--shards', '3', '--image', 'lth:1', '--claim', 'c', '--storage', '1Gi'], /expected only one of them/],
    [[configPath, '--shards', '3', '--image', 'lth:1', '--claim', 'Bad_Claim'], /--claim "Bad_Claim"/],
    [[configPath, '--shards', '3', '--image', 'lth:1', '--retries', 'x'], /--retries "x": expected a whole number/],
  ] as const) {
    const errorIo = bufferIo();
    assert.equal(await main(['k8s', ...argv], errorIo), 2, errorIo.err());
    assert.match(errorIo.err(), message);
    assert.doesNotMatch(errorIo.err(), /\n\s+at /);
  }
});
