// Every context key the extension sets, in one place. package.json's when-clauses may name only
// these (test/unit/extension/manifest.test.ts checks it), so a rename cannot silently break a menu.
export enum ContextKey {
  /** True while at least one experiment runs. */
  AnyRunning = 'lthLab.anyRunning',
  /**
   * `uri.toString()` of every experiment file with a live run. Context keys are global, so
   * per-file buttons use `resource in lthLab.runningExperiments`.
   */
  RunningExperiments = 'lthLab.runningExperiments',
}
