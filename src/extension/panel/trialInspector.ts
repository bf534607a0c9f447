// Re-runs trials for the panel's trial view, each in a child process of its own (the extension
// host never computes): at most one at a time per panel, a newer request or a cancel ends the
// one before (its whole process tree), and answers are kept so a trial is not re-run twice.
// No vscode import: unit-tested against the built child.
import type { InspectorLaunch, TrialWeights } from '../../shared/protocol';
import { checkInspectorMessage } from '../../shared/protocolGuards';
import { ProcessTree } from '../runner/processTree';

export class InspectionCancelled extends Error {
  override name = 'InspectionCancelled';
}

/** Answers kept per panel: a K × d pair is small next to what the page already holds. */
const KEPT_ANSWERS = 16;

export class TrialInspector {
  private current: { requestId: string; tree: ProcessTree } | undefined;
  private readonly answers = new Map<string, TrialWeights>();
  private readonly cancelled = new WeakSet<ProcessTree>();

  constructor(private readonly inspectorPath: string) {}

  /** The trial's weights; rejects with InspectionCancelled when cancelled or superseded, else with why it failed. */
  async inspect(requestId: string, launch: InspectorLaunch): Promise<TrialWeights> {
    this.cancelCurrent();
    const key = JSON.stringify([launch.runDir, launch.cell, launch.trial]);
    const kept = this.answers.get(key);
    if (kept) return kept;
    const tree = ProcessTree.fork(this.inspectorPath, [JSON.stringify(launch)], { silent: true, execArgv: [] });
    this.current = { requestId, tree };
    let answer: TrialWeights | undefined;
    let failure: string | undefined;
    const stderr: string[] = [];
    tree.child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    tree.child.on('message', (raw) => {
      const checked = checkInspectorMessage(raw);
      if (!checked.ok) failure = `the inspector sent a malformed message: ${checked.problem}`;
      else if (checked.value.type === 'weights') answer = checked.value.weights;
      else failure = checked.value.message;
    });
    const exit = await tree.exited;
    if (this.current?.tree === tree) this.current = undefined;
    if (answer) {
      this.answers.set(key, answer);
      if (this.answers.size > KEPT_ANSWERS) this.answers.delete(this.answers.keys().next().value as string);
      return answer;
    }
    if (this.cancelled.has(tree)) throw new InspectionCancelled(`inspection ${requestId} was cancelled`);
    throw new Error(failure ?? exit.spawnError?.message ?? `the inspector stopped (code ${exit.code}, signal ${exit.signal}) without an answer${stderr.length ? `: ${stderr.join('').trim().split('\n').pop()}` : ''}`);
  }

  /** Ends the request `requestId` if it is the one running. */
  cancel(requestId: string): void {
    if (this.current?.requestId === requestId) this.cancelCurrent();
  }

  dispose(): void {
    this.cancelCurrent();
  }

  private cancelCurrent(): void {
    const running = this.current;
    if (!running) return;
    this.current = undefined;
    this.cancelled.add(running.tree);
    void running.tree.terminate(1000);
  }
}
