// Builds the `duesbook` command line into dist/cli/: an esbuild bundle of cli/main.ts, split at
// each command's dynamic import, so `--help` loads only the dispatcher and `check` never loads
// the network code. Run by `npm install` (the prepare script) and `npm run build`; bin/duesbook.mjs
// runs it, or the TypeScript sources through tsx while the bundle is missing or older than them.
//
// The files sit two folders deep (dist/cli/), as cli/commands/*.ts do, so the paths the commands
// derive from import.meta.url (admin's repository root) point at the same place bundled or not.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(repo, 'dist', 'cli');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  // Installed without devDependencies: bin/duesbook.mjs runs the sources through tsx instead.
  console.warn('build-cli: esbuild is not installed; duesbook will run from source through tsx');
  process.exit(0);
}

rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: repo,
  entryPoints: { main: 'cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  // Packages with CommonJS inside an ESM bundle need a require of their own.
  banner: { js: "import { createRequire as __duesbookRequire } from 'node:module'; const require = __duesbookRequire(import.meta.url);" },
  legalComments: 'none',
  // Smaller files parse faster at start-up (zod, pulled in by the settings schema, is most of check's code).
  minify: true,
  logLevel: 'warning',
});
writeFileSync(path.join(outdir, 'package.json'), '{ "type": "module" }\n');
console.log(`build-cli: ${path.relative(repo, outdir)}/main.js`);
