// Every command, registered inside the error boundary. The handlers live one per file.
import type * as vscode from 'vscode';
import { CommandId } from '../commandIds';
import { registerSafeCommand } from '../errorBoundary';
import type { ExtensionServices } from '../services';
import { cancelExperiment } from './cancelExperiment';
import { exportChart } from './exportChart';
import { newExperimentFromPreset } from './newExperimentFromPreset';
import { openRunFolder } from './openRunFolder';
import { runExperiment } from './runExperiment';
import { runOnSlurm } from './runOnSlurm';
import { showResults } from './showResults';

export function registerCommands(services: ExtensionServices): vscode.Disposable[] {
  const register = (id: CommandId, handler: (...args: unknown[]) => unknown) => registerSafeCommand(services.log, id, handler);
  return [
    register(CommandId.RunExperiment, (argument) => runExperiment(services, argument)),
    register(CommandId.RunOnSlurm, (argument) => runOnSlurm(services, argument)),
    register(CommandId.CancelExperiment, (argument) => cancelExperiment(services, argument)),
    register(CommandId.ShowResults, (argument) => showResults(services, argument)),
    register(CommandId.NewExperimentFromPreset, (argument, presetName) => newExperimentFromPreset(services, argument, presetName)),
    register(CommandId.OpenRunFolder, (argument) => openRunFolder(services, argument)),
    register(CommandId.ExportChart, (argument) => exportChart(services, argument)),
    register(CommandId.ShowLog, () => services.log.show()),
  ];
}
