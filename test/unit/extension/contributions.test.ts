// The getting-started contributions of package.json: the walkthrough, the experiments view and
// its welcome content, the localizable strings, and the VSIX that ships them with a user README.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { CommandId } from '../../../src/extension/commandIds';
import { EXPERIMENTS_VIEW_ID } from '../../../src/extension/viewIds';
import { packageVsix, USER_README } from '../../../scripts/package-vsix.mjs';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const manifestText = readFileSync(join(ROOT, 'package.json'), 'utf8');
const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string };
  completionEvents?: string[];
}
const manifest = JSON.parse(manifestText) as {
  publisher: string;
  name: string;
  contributes: {
    commands: { command: string }[];
    walkthroughs: { id: string; title: string; steps: Step[] }[];
    views: Record<string, { id: string; name: string }[]>;
    viewsWelcome: { view: string; contents: string; when?: string }[];
  };
};
const contributed = manifest.contributes;
const localized = (text: string) => text.replace(/^%(.*)%$/, (_, key: string) => nls[key] ?? `<missing ${key}>`);
const commands = new Set(contributed.commands.map((command) => command.command));
/** VS Code's own commands the links may name. */
const WORKBENCH_COMMANDS = new Set(['workbench.action.openWalkthrough', 'workbench.action.files.openFolder']);

/** The commands `command:` links in some markdown name, with their arguments. */
function commandLinks(markdown: string): { command: string; argument?: unknown }[] {
  return [...markdown.matchAll(/\]\(command:([\w.]+)(?:\?([^)]+))?\)/g)].map((match) => ({ command: match[1], argument: match[2] && JSON.parse(decodeURIComponent(match[2])) }));
}

test('every %key% of package.json is in package.nls.json, and every entry there is used', () => {
  const keys = [...manifestText.matchAll(/"%([\w.]+)%"/g)].map((match) => match[1]);
  assert.ok(keys.length >= 20, 'titles and descriptions are localizable');
  for (const key of keys) assert.ok(key in nls, `package.nls.json lacks ${key}`);
  assert.deepEqual(Object.keys(nls).filter((key) => !keys.includes(key)), [], 'unused package.nls.json entries');
});

test('the walkthrough: pick a preset, run it, read the charts; every step has its markdown and working links', () => {
  const [walkthrough] = contributed.walkthroughs;
  assert.equal(walkthrough.id, 'lthLab.gettingStarted');
  const ids = walkthrough.steps.map((step) => step.id);
  assert.deepEqual(ids.slice(0, 3), ['pickPreset', 'runIt', 'readCharts']);
  assert.equal(new Set(ids).size, ids.length);
  for (const step of walkthrough.steps) {
    assert.ok(step.media.markdown && existsSync(join(ROOT, step.media.markdown)), `${step.id}: media ${step.media.markdown}`);
    assert.match(readFileSync(join(ROOT, step.media.markdown), 'utf8'), /^# \S/, `${step.id}: the markdown has a heading`);
    const description = localized(step.description);
    assert.ok(localized(step.title).length > 3 && description.length > 20, step.id);
    for (const link of commandLinks(description)) assert.ok(commands.has(link.command), `${step.id}: link to ${link.command}`);
    for (const event of step.completionEvents ?? []) assert.ok(commands.has(event.replace(/^onCommand:/, '')), `${step.id}: ${event}`);
  }
  const firstThree = walkthrough.steps.slice(0, 3).map((step) => commandLinks(localized(step.description))[0]?.command);
  assert.deepEqual(firstThree, [CommandId.NewExperimentFromPreset, CommandId.RunExperiment, CommandId.ShowResults]);
});

test('the experiments view welcomes a workspace without experiment files: a preset, or the walkthrough', () => {
  const views = Object.values(contributed.views).flat();
  assert.ok(views.some((view) => view.id === EXPERIMENTS_VIEW_ID));
  const welcome = contributed.viewsWelcome.filter((entry) => entry.view === EXPERIMENTS_VIEW_ID);
  assert.ok(welcome.length > 0);
  const links = welcome.flatMap((entry) => commandLinks(localized(entry.contents)));
  for (const link of links) assert.ok(commands.has(link.command) || WORKBENCH_COMMANDS.has(link.command), `link to ${link.command}`);
  assert.ok(links.some((link) => link.command === CommandId.NewExperimentFromPreset));
  const tour = links.find((link) => link.command === 'workbench.action.openWalkthrough');
  assert.deepEqual((tour?.argument as unknown[])[0], `${manifest.publisher}.${manifest.name}#${contributed.walkthroughs[0].id}`);
});

test('the VSIX ships the user README (what it does, how to use it), the walkthrough and the strings; not the developer README', (context) => {
  if (!existsSync(join(ROOT, 'dist', 'extension.js'))) {
    context.skip('skipped: dist/extension.js is not built (npm run build), so there is nothing to package');
    return;
  }
  const folder = mkdtempSync(join(tmpdir(), 'lth-vsix-'));
  try {
    const vsix = packageVsix({ repoDir: ROOT, outFile: join(folder, 'lth-lab.vsix') });
    const listing = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n');
    for (const step of contributed.walkthroughs[0].steps) assert.ok(listing.includes(`extension/${step.media.markdown}`), `${step.media.markdown} packaged`);
    assert.ok(listing.includes('extension/package.nls.json'));
    const readme = execFileSync('unzip', ['-p', vsix, 'extension/readme.md'], { encoding: 'utf8' });
    assert.equal(readme, readFileSync(join(ROOT, USER_README), 'utf8'));
    assert.match(readme, /## Getting started/);
    assert.doesNotMatch(readme, /npm test|How the code is organised/, 'no developer instructions');
    for (const image of readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) assert.ok(listing.includes(`extension/${image[1]}`), `image ${image[1]} packaged`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
