// Sideloading the pane into desktop Excel, as the Office add-in template's `npm start` does
// (`office-addin-debugging start manifest.xml desktop`) and its `npm stop` undoes. The decision
// is a pure function of the platform, the environment and whether the tool is installed, so it
// is tested without Excel; start.mjs and stop.mjs only carry it out.
//
// office-addin-debugging is an optionalDependency: its tree (a peer dependency of
// office-addin-dev-settings) reaches keytar, a native module that builds from source where no
// prebuilt binary can be fetched and needs libsecret on Linux. npm drops an optional dependency
// whose install fails instead of failing the install, so the tool may simply be missing here.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const MANIFEST = 'manifest.xml';

/** Where the tool's command line sits once npm has installed it (null when it has not). */
export function findTool(repo, exists = existsSync) {
  const cli = path.join(repo, 'node_modules', 'office-addin-debugging', 'cli.js');
  return exists(cli) ? cli : null;
}

function truthy(v) {
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/**
 * What `npm start` does about desktop Excel.
 * @param {{ platform: string, env: Record<string, string | undefined>, tool: string | null, node: string, manifest?: string, port?: number }} o
 * @returns {{ sideload: true, start: string[], stop: string[] } | { sideload: false, reason: string }}
 *   start/stop: argv (node first) of the commands that load the add-in and remove it again.
 */
export function sideloadPlan({ platform, env, tool, node, manifest = MANIFEST, port = 3000 }) {
  if (truthy(env.DUESBOOK_NO_SIDELOAD)) return { sideload: false, reason: 'DUESBOOK_NO_SIDELOAD is set' };
  if (truthy(env.CI)) return { sideload: false, reason: 'this is CI (CI is set): there is no desktop Excel to open' };
  if (platform !== 'win32' && platform !== 'darwin') {
    return { sideload: false, reason: `desktop Excel runs only on Windows and Mac, and this is ${platform}` };
  }
  if (!tool) {
    return {
      sideload: false,
      reason: 'office-addin-debugging is not installed (an optional dependency: npm leaves it out where its keytar dependency cannot install); run `npm install` again, or sideload by hand',
    };
  }
  // "desktop" = this machine's platform (the tool's own parsePlatform); --no-debug: nothing to
  // attach a debugger to; --dev-server-port: the tool waits for the pane start.mjs already serves.
  return {
    sideload: true,
    start: [node, tool, 'start', manifest, 'desktop', '--app', 'excel', '--no-debug', '--dev-server-port', String(port)],
    stop: [node, tool, 'stop', manifest, 'desktop'],
  };
}

/** What to say when nothing is sideloaded: the reason, and how to do it by hand. */
export function explainNoSideload(reason) {
  return `Not sideloading into desktop Excel: ${reason}.
  By hand on Windows or Mac: npx office-addin-debugging start ${MANIFEST} desktop
  Excel on the web: Insert > Add-ins > Upload My Add-in > ${MANIFEST}`;
}
