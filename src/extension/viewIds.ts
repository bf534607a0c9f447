// Ids of the views package.json contributes (no vscode import: the manifest tests read them).

/** The "LTH Experiments" view in the Explorer. */
export const EXPERIMENTS_VIEW_ID = 'lthLab.experiments';
