// Builds the `duesbook` command line into dist/cli/: the dispatcher (main.cjs) and one bundle per
// command (check.cjs, fix.cjs, …), each loaded only when its command runs, so `--help` loads the
// dispatcher alone and `check` never loads the network code. Run by `npm install` (the prepare
// script) and `npm run build`; bin/duesbook.mjs runs it, or the TypeScript sources through tsx
// while the bundle is missing or older than them.
//
// CommonJS, not ESM with code splitting (which it was): esbuild turns every top-level const of a
// bundle into a var, and V8 (Node 20) reads a var of a module's scope slower than the same var in
// a function's — the check ran 13–30 % slower as an ESM bundle than as this one (issue 14,
// `npm run bench -- checker`, "the same bundle as ESM"). A command's bundle holds all it needs, so
// code the commands share is in each file; only one of them is loaded per run.
//
// The files sit two folders deep (dist/cli/), as cli/commands/*.ts do, so the paths the commands
// derive from import.meta.url (admin's repository root) point at the same place bundled or not.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
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

const commands = readdirSync(path.join(repo, 'cli', 'commands')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => f.slice(0, -3));

/** main.ts's `import('./commands/x')` → the sibling bundle `./x.cjs`, loaded when x runs. */
const commandsApart = {
  name: 'commands-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/commands\/[a-z-]+$/ }, (args) => {
      if (!args.importer.endsWith(path.join('cli', 'main.ts'))) return undefined;
      return { path: `./${args.path.slice('./commands/'.length)}.cjs`, external: true };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: repo,
  entryPoints: { main: 'cli/main.ts', ...Object.fromEntries(commands.map((c) => [c, `cli/commands/${c}.ts`])) },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  plugins: [commandsApart],
  // A command's bundle by require(), not import(): importing CommonJS makes Node scan the whole
  // file for its export names first (cjs-module-lexer: a quarter of `check` on the sample).
  supported: { 'dynamic-import': false },
  // import.meta.url has no CommonJS form: each file's own URL, as the ESM sources see theirs.
  banner: { js: "var __duesbookUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__duesbookUrl' },
  legalComments: 'none',
  // Smaller files parse faster at start-up (zod, pulled in by the settings schema, is most of check's code).
  minify: true,
  logLevel: 'warning',
});
// dist/ may sit under a package.json of "type": "module": these files say what they are.
writeFileSync(path.join(outdir, 'package.json'), '{ "type": "commonjs" }\n');
console.log(`build-cli: ${path.relative(repo, outdir)}/main.cjs and ${commands.length} commands`);
