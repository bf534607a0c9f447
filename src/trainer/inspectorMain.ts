// Entry of the trial inspector child (bundled as dist/trialInspector.js): argv[2] is an
// InspectorLaunch as JSON; it re-runs that one trial and sends its weights (or why not) to the
// parent, then exits. The extension forks one per request and ends it to cancel, so a long
// trial never holds the extension host; without a parent it prints the message as JSON.
import { inspectTrial } from '../core/inspection/inspectTrial';
import { fileSystemReason } from '../core/runs/fileSystemError';
import type { InspectorLaunch, InspectorMessage } from '../shared/protocol';

function parseLaunch(text: string | undefined): InspectorLaunch {
  const launch = JSON.parse(text ?? 'null') as Partial<InspectorLaunch> | null;
  if (typeof launch?.runDir !== 'string' || typeof launch.cell !== 'string' || !Number.isInteger(launch.trial)) {
    throw new Error(`argv[2]: expected {"runDir": string, "cell": string, "trial": integer}, got ${text}`);
  }
  return launch as InspectorLaunch;
}

function send(message: InspectorMessage): Promise<void> {
  if (!process.send) {
    process.stdout.write(`${JSON.stringify(message)}\n`);
    return Promise.resolve();
  }
  return new Promise((resolve) => process.send!(message, undefined, {}, () => resolve()));
}

async function inspectorMain(): Promise<number> {
  // The parent gone (it cancelled, or closed): nobody wants the answer.
  process.on('disconnect', () => process.exit(0));
  try {
    const { runDir, cell, trial } = parseLaunch(process.argv[2]);
    await send({ type: 'weights', weights: inspectTrial(runDir, cell, trial) });
    return 0;
  } catch (error) {
    await send({ type: 'failed', message: fileSystemReason(error) });
    return 1;
  }
}

if (require.main === module) void inspectorMain().then((code) => process.exit(code));
