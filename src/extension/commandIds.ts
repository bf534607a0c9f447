// Every command the extension registers; package.json's `contributes.commands` lists exactly
// these (checked by test/unit/extension/manifest.test.ts).
export enum CommandId {
  RunExperiment = 'lthLab.runExperiment',
  RunOnSlurm = 'lthLab.runOnSlurm',
  CancelExperiment = 'lthLab.cancelExperiment',
  ShowResults = 'lthLab.showResults',
  NewExperimentFromPreset = 'lthLab.newExperimentFromPreset',
  OpenRunFolder = 'lthLab.openRunFolder',
  ExportChart = 'lthLab.exportChart',
  ShowLog = 'lthLab.showLog',
}
