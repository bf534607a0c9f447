// Driving the VS Code workbench (code-server in Chromium) the way a user does: explorer clicks,
// the command palette, CodeLens links, notifications and the Problems view. Selectors are the
// workbench's own DOM classes of VS Code 1.100.
import type { Page } from 'playwright-core';
import { pollUntil, sleep } from './poll';

/** Opens a workspace file by clicking it in the explorer; resolves when its editor tab is active. */
export async function openFileFromExplorer(page: Page, fileName: string): Promise<void> {
  await page.locator('.explorer-folders-view').getByRole('treeitem', { name: fileName, exact: true }).click();
  await pollUntil(() => activeTabTitle(page), (title) => title === fileName, {
    expected: `the editor tab of ${fileName} to be active`,
    timeoutMs: 15_000,
  });
}

export async function activeTabTitle(page: Page): Promise<string> {
  const tab = page.locator('.editor-group-container.active .tabs-container .tab.active .label-name').first();
  return (await tab.count()) > 0 ? (await tab.innerText()).trim() : '';
}

/** Runs a command by its palette title (F1, type, pick the exact entry). */
export async function runCommandFromPalette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  const entry = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: title }).first();
  await pollUntil(() => entry.count(), (count) => count > 0, {
    expected: `the command palette to offer "${title}"`,
    timeoutMs: 15_000,
    describeLast: async () => `palette entries: ${JSON.stringify(await paletteEntries(page))}`,
  });
  await entry.click();
}

async function paletteEntries(page: Page): Promise<string[]> {
  return page.locator('.quick-input-widget .quick-input-list .monaco-list-row').allInnerTexts();
}

/** The title of the quick input shown now (an input box or a pick), or '' when none is shown. */
export async function quickInputTitle(page: Page): Promise<string> {
  const widget = page.locator('.quick-input-widget');
  if (!(await widget.isVisible().catch(() => false))) return '';
  return (await page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => '')).trim();
}

/**
 * Answers the input box titled `title`: waits for that box (not merely for some input box: an
 * extension's box stays open while the extension host validates the last answer, so a box seen
 * right after Enter may still be the previous one), types `text`, presses Enter, and waits until
 * the box has gone.
 */
export async function answerInputBox(page: Page, title: string, text: string): Promise<void> {
  await pollUntil(() => quickInputTitle(page), (shown) => shown === title, {
    expected: `the input box "${title}"`,
    timeoutMs: 15_000,
    describeLast: (shown) => `quick input: ${shown === '' ? 'none' : JSON.stringify(shown)}`,
  });
  await page.locator('.quick-input-widget .quick-input-box input').fill(text);
  await page.keyboard.press('Enter');
  await pollUntil(() => quickInputTitle(page), (shown) => shown !== title, {
    expected: `the input box "${title}" to accept ${JSON.stringify(text)} and close`,
    timeoutMs: 15_000,
    describeLast: async () => `validation message: ${JSON.stringify(await page.locator('.quick-input-widget .quick-input-message').innerText().catch(() => ''))}`,
  });
}

/** The CodeLens links shown in the active editor. */
export async function codeLensTitles(page: Page): Promise<string[]> {
  const texts = await page.locator('.editor-group-container.active .codelens-decoration a').allInnerTexts();
  return texts.map((text) => text.trim());
}

/** Waits until a CodeLens whose text contains `text` is shown, and returns all lens titles. */
export async function waitForCodeLens(page: Page, text: string, timeoutMs = 60_000): Promise<string[]> {
  return pollUntil(() => codeLensTitles(page), (titles) => titles.some((title) => title.includes(text)), {
    expected: `a CodeLens "${text}" at the top of the editor`,
    timeoutMs,
    describeLast: (titles) => `CodeLenses ${JSON.stringify(titles ?? [])}`,
  });
}

export async function clickCodeLens(page: Page, text: string): Promise<void> {
  await waitForCodeLens(page, text);
  await page.locator('.editor-group-container.active .codelens-decoration a').filter({ hasText: text }).first().click();
}

/** Texts of the notification toasts currently shown (message and source). */
export async function notificationTexts(page: Page): Promise<string[]> {
  const texts = await page.locator('.notifications-toasts .notification-toast').allInnerTexts();
  return texts.map((text) => text.replace(/\s+/g, ' ').trim());
}

/** Opens the Problems view and returns its rows' accessible labels (file and marker rows). */
export async function problemsEntries(page: Page): Promise<string[]> {
  if (!(await page.locator('.markers-panel').isVisible())) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+M'); // View: Show Problems (a toggle: only when hidden)
    await sleep(300);
  }
  const rows = page.locator('.markers-panel .monaco-list-row');
  const labels: string[] = [];
  for (const row of await rows.all()) labels.push((await row.getAttribute('aria-label')) ?? (await row.innerText()));
  return labels;
}

/** A short account of what the page shows, for failure messages. */
export async function describeWorkbench(page: Page): Promise<string> {
  try {
    const tabs = await page.locator('.tabs-container .tab .label-name').allInnerTexts();
    const notifications = await notificationTexts(page);
    const dialog = await page.locator('.monaco-dialog-box').allInnerTexts();
    const parts = [`tabs ${JSON.stringify(tabs)}`, `active tab "${await activeTabTitle(page)}"`, `notifications ${JSON.stringify(notifications)}`];
    if (dialog.length > 0) parts.push(`dialog ${JSON.stringify(dialog)}`);
    const quickInput = await quickInputTitle(page);
    if (quickInput !== '') parts.push(`quick input "${quickInput}"`);
    return parts.join('; ');
  } catch (error) {
    return `(the page could not be read: ${error instanceof Error ? error.message : String(error)})`;
  }
}

/** Reloads the window through the command palette, like a user would, and waits for the workbench. */
export async function reloadWindow(page: Page): Promise<void> {
  const reloaded = page.waitForEvent('load', { timeout: 30_000 });
  await runCommandFromPalette(page, 'Developer: Reload Window');
  await reloaded;
  await pollUntil(() => page.locator('.explorer-folders-view .monaco-list-row').count(), (rows) => rows > 0, {
    expected: 'the workbench to come back after the reload',
    timeoutMs: 60_000,
  });
}

/**
 * Records every notification toast the page shows from now on (text, and whether it carried a
 * progress bar), so a short run's progress notification is not missed between two polls.
 */
export async function recordNotifications(page: Page): Promise<{ seen(): Promise<Array<{ text: string; progress: boolean }>> }> {
  // Runs inside the page: no named local functions (see panelCharts.ts).
  await page.evaluate(() => {
    type Seen = { text: string; progress: boolean };
    const holder = window as unknown as { __lthSeenToasts?: Seen[]; __lthToastObserver?: MutationObserver; __lthRecordToasts?: () => void };
    holder.__lthToastObserver?.disconnect();
    const seen: Seen[] = [];
    holder.__lthSeenToasts = seen;
    holder.__lthRecordToasts = () => {
      for (const toast of Array.from(document.querySelectorAll('.notifications-toasts .notification-toast'))) {
        const text = (toast as HTMLElement).innerText.replace(/\s+/g, ' ').trim();
        const progress = toast.querySelector('.monaco-progress-container.active') !== null;
        if (text !== '' && !seen.some((entry) => entry.text === text && entry.progress === progress)) seen.push({ text, progress });
      }
    };
    holder.__lthToastObserver = new MutationObserver(holder.__lthRecordToasts);
    const toasts = document.querySelector('.notifications-toasts') ?? document.body;
    holder.__lthToastObserver.observe(toasts, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class'] });
    holder.__lthRecordToasts();
  });
  return {
    seen: () => page.evaluate(() => (window as unknown as { __lthSeenToasts?: Array<{ text: string; progress: boolean }> }).__lthSeenToasts ?? []),
  };
}
