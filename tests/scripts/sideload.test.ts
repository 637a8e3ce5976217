// The start script's decision about desktop Excel (scripts/sideload.mjs): which command it runs
// to sideload manifest.xml and to remove it again, or why it does not.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainNoSideload, findTool, sideloadPlan } from '../../scripts/sideload.mjs';

const TOOL = '/repo/node_modules/office-addin-debugging/cli.js';
const NODE = '/usr/bin/node';

describe('sideloadPlan', () => {
  it.each(['win32', 'darwin'])('on %s with the tool installed, opens desktop Excel with the manifest and knows how to undo it', (platform) => {
    const plan = sideloadPlan({ platform, env: {}, tool: TOOL, node: NODE });
    expect(plan).toEqual({
      sideload: true,
      start: [NODE, TOOL, 'start', 'manifest.xml', 'desktop', '--app', 'excel', '--no-debug', '--dev-server-port', '3000'],
      stop: [NODE, TOOL, 'stop', 'manifest.xml', 'desktop'],
    });
  });

  it('waits for the pane on the port it is served on', () => {
    const plan = sideloadPlan({ platform: 'win32', env: {}, tool: TOOL, node: NODE, port: 3443 });
    expect(plan.sideload && plan.start.slice(-2)).toEqual(['--dev-server-port', '3443']);
  });

  it('on Windows or Mac without the tool, says it is missing and why', () => {
    const plan = sideloadPlan({ platform: 'darwin', env: {}, tool: null, node: NODE });
    expect(plan.sideload).toBe(false);
    expect(!plan.sideload && plan.reason).toMatch(/office-addin-debugging is not installed.*keytar/);
  });

  it.each(['linux', 'freebsd'])('on %s, never sideloads (no desktop Excel), tool or not', (platform) => {
    for (const tool of [TOOL, null]) {
      const plan = sideloadPlan({ platform, env: {}, tool, node: NODE });
      expect(plan).toEqual({ sideload: false, reason: `desktop Excel runs only on Windows and Mac, and this is ${platform}` });
    }
  });

  it('in CI, never sideloads, even on Windows with the tool', () => {
    expect(sideloadPlan({ platform: 'win32', env: { CI: 'true' }, tool: TOOL, node: NODE })).toMatchObject({ sideload: false, reason: expect.stringMatching(/CI/) });
    // CI=false or empty is not CI.
    expect(sideloadPlan({ platform: 'win32', env: { CI: 'false' }, tool: TOOL, node: NODE }).sideload).toBe(true);
    expect(sideloadPlan({ platform: 'win32', env: { CI: '' }, tool: TOOL, node: NODE }).sideload).toBe(true);
  });

  it('DUESBOOK_NO_SIDELOAD turns it off', () => {
    expect(sideloadPlan({ platform: 'win32', env: { DUESBOOK_NO_SIDELOAD: '1' }, tool: TOOL, node: NODE })).toEqual({ sideload: false, reason: 'DUESBOOK_NO_SIDELOAD is set' });
  });

  it('the message for no sideload carries the reason and the commands to do it by hand', () => {
    const text = explainNoSideload('desktop Excel runs only on Windows and Mac, and this is linux');
    expect(text).toContain('this is linux');
    expect(text).toContain('npx office-addin-debugging start manifest.xml desktop');
    expect(text).toContain('Upload My Add-in');
  });
});

describe('findTool', () => {
  it('finds the tool where npm installs it, and reports null when npm left it out', () => {
    const cli = path.join('/repo', 'node_modules', 'office-addin-debugging', 'cli.js');
    expect(findTool('/repo', (p) => p === cli)).toBe(cli);
    expect(findTool('/repo', () => false)).toBeNull();
  });
});
