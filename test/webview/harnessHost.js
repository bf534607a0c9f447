// Plays VS Code for the panel bundle in a plain page: acquireVsCodeApi() records what the
// panel posts (window.harness.posted) and keeps its state in sessionStorage, so state
// survives a reload as a webview's does; themes set the body class and --vscode-*
// variables the way VS Code does. The test drives it with page.evaluate.
(() => {
  const STATE_KEY = 'harness-webview-state';
  const posted = [];
  const violations = [];
  document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective}: ${event.blockedURI}`));

  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may only be called once (as in VS Code)');
    acquired = true;
    return {
      postMessage: (message) => posted.push(JSON.parse(JSON.stringify(message))),
      getState: () => JSON.parse(sessionStorage.getItem(STATE_KEY) ?? 'null') ?? undefined,
      setState: (state) => sessionStorage.setItem(STATE_KEY, JSON.stringify(state)),
    };
  };

  const font = { '--vscode-font-family': '"DejaVu Sans", "Segoe UI", sans-serif', '--vscode-font-size': '13px' };
  // Colours of VS Code's default themes (Light Modern, Dark Modern, High Contrast Dark).
  const themes = {
    'vscode-light': {
      '--vscode-foreground': '#3b3b3b', '--vscode-editor-foreground': '#3b3b3b', '--vscode-editor-background': '#ffffff',
      '--vscode-descriptionForeground': '#3b3b3b', '--vscode-focusBorder': '#005fb8', '--vscode-widget-border': '#e5e5e5',
      '--vscode-button-background': '#005fb8', '--vscode-button-foreground': '#ffffff',
      '--vscode-button-secondaryBackground': '#e5e5e5', '--vscode-button-secondaryForeground': '#3b3b3b',
      '--vscode-dropdown-background': '#ffffff', '--vscode-dropdown-foreground': '#3b3b3b', '--vscode-dropdown-border': '#cecece',
      '--vscode-errorForeground': '#f85149',
      '--vscode-charts-red': '#e51400', '--vscode-charts-blue': '#1a85ff', '--vscode-charts-yellow': '#bf8803',
      '--vscode-charts-orange': '#d18616', '--vscode-charts-green': '#388a34', '--vscode-charts-purple': '#652d90',
    },
    'vscode-dark': {
      '--vscode-foreground': '#cccccc', '--vscode-editor-foreground': '#cccccc', '--vscode-editor-background': '#1f1f1f',
      '--vscode-descriptionForeground': '#9d9d9d', '--vscode-focusBorder': '#0078d4', '--vscode-widget-border': '#313131',
      '--vscode-button-background': '#0078d4', '--vscode-button-foreground': '#ffffff',
      '--vscode-button-secondaryBackground': '#313131', '--vscode-button-secondaryForeground': '#cccccc',
      '--vscode-dropdown-background': '#313131', '--vscode-dropdown-foreground': '#cccccc', '--vscode-dropdown-border': '#3c3c3c',
      '--vscode-errorForeground': '#f85149',
      '--vscode-charts-red': '#f14c4c', '--vscode-charts-blue': '#3794ff', '--vscode-charts-yellow': '#cca700',
      '--vscode-charts-orange': '#d18616', '--vscode-charts-green': '#89d185', '--vscode-charts-purple': '#b180d7',
    },
    'vscode-high-contrast': {
      '--vscode-foreground': '#ffffff', '--vscode-editor-foreground': '#ffffff', '--vscode-editor-background': '#000000',
      '--vscode-descriptionForeground': '#ffffff', '--vscode-focusBorder': '#f38518', '--vscode-contrastBorder': '#6fc3df',
      '--vscode-button-background': '#000000', '--vscode-button-foreground': '#ffffff',
      '--vscode-dropdown-background': '#000000', '--vscode-dropdown-foreground': '#ffffff', '--vscode-dropdown-border': '#6fc3df',
      '--vscode-errorForeground': '#f48771',
      '--vscode-charts-red': '#f14c4c', '--vscode-charts-blue': '#3794ff', '--vscode-charts-yellow': '#cca700',
      '--vscode-charts-orange': '#d18616', '--vscode-charts-green': '#89d185', '--vscode-charts-purple': '#b180d7',
    },
  };

  function applyTheme(kind) {
    const variables = themes[kind];
    if (!variables) throw new Error(`unknown theme ${kind}; expected one of ${Object.keys(themes).join(', ')}`);
    const style = document.documentElement.style;
    for (const name of [...style]) if (name.startsWith('--vscode-')) style.removeProperty(name);
    for (const [name, value] of Object.entries({ ...font, ...variables })) style.setProperty(name, value);
    document.body.classList.remove(...Object.keys(themes));
    document.body.classList.add(kind);
    document.body.dataset.vscodeThemeKind = kind;
  }
  applyTheme('vscode-light');

  window.harness = {
    posted,
    violations,
    applyTheme,
    /** What VS Code's webview.postMessage does: a message event on the page's window. */
    send: (message) => window.postMessage(message, '*'),
    themes: Object.keys(themes),
  };
})();
