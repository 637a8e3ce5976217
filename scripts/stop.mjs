// `npm run stop`: ends what `npm start` started — the add-in it sideloaded into desktop Excel
// (.duesbook/sideload.json holds the office-addin-debugging command that removes it), then the
// processes it recorded in .duesbook/pids.json (the worker, the pane's dev server), each by its
// own id, never by name.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PIDS = path.join(repo, '.duesbook', 'pids.json');
const SIDELOAD = path.join(repo, '.duesbook', 'sideload.json');

if (existsSync(SIDELOAD)) {
  let stop = null;
  try {
    stop = JSON.parse(readFileSync(SIDELOAD, 'utf8')).stop;
  } catch {
    // unreadable: said below
  }
  if (Array.isArray(stop) && stop.length > 1 && existsSync(stop[1])) {
    console.log('Removing the add-in sideloaded into desktop Excel (office-addin-debugging stop)…');
    const r = spawnSync(stop[0], stop.slice(1), { cwd: repo, stdio: 'inherit' });
    if (r.status !== 0) console.error('office-addin-debugging stop failed; by hand: npx office-addin-debugging stop manifest.xml desktop');
  } else {
    console.error('A sideloaded add-in was recorded but office-addin-debugging is gone; by hand: npx office-addin-debugging stop manifest.xml desktop');
  }
  rmSync(SIDELOAD, { force: true });
}

if (!existsSync(PIDS)) {
  console.log('Duesbook: nothing else to stop (no .duesbook/pids.json).');
  process.exit(0);
}
let pids = {};
try {
  pids = JSON.parse(readFileSync(PIDS, 'utf8'));
} catch {
  console.error('Duesbook: .duesbook/pids.json is unreadable; removing it.');
}
for (const [name, pid] of Object.entries(pids)) {
  if (!Number.isInteger(pid) || pid <= 1) continue;
  try {
    // A launcher starts its children in their own group; end the group, else the process.
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      process.kill(pid, 'SIGTERM');
    }
    console.log(`stopped ${name} (pid ${pid})`);
  } catch (e) {
    console.log(`${name} (pid ${pid}) was not running (${e.code ?? e.message})`);
  }
}
rmSync(PIDS, { force: true });
