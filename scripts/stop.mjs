// `npm run stop`: ends what `npm start` started — the processes it recorded in
// .duesbook/pids.json (the worker, the pane's dev server), each by its own id, never by name.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PIDS = path.join(repo, '.duesbook', 'pids.json');

if (!existsSync(PIDS)) {
  console.log('Duesbook: nothing to stop (no .duesbook/pids.json).');
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
console.log('To remove a sideloaded add-in from desktop Excel: npx office-addin-debugging stop manifest.xml');
