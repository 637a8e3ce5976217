// scripts/test.mjs must fail, not skip, when a suite's config is missing, and refuse an unknown suite.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

function runIn(dir: string, args: string[]) {
  return spawnSync(process.execPath, [join(dir, 'scripts/test.mjs'), ...args], { cwd: dir, encoding: 'utf8' });
}

describe('the test runner', () => {
  it('fails when a suite config is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duesbook-runner-'));
    try {
      mkdirSync(join(dir, 'scripts'));
      copyFileSync(resolve('scripts/test.mjs'), join(dir, 'scripts/test.mjs'));
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      const r = runIn(dir, ['unit']);
      expect(r.status).toBe(1);
      expect(r.stdout).toContain('missing suite config vitest.config.ts');
      expect(r.stdout).toMatch(/^0 passed, 1 failed$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown suite name', () => {
    const r = runIn(resolve('.'), ['no-such-suite']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown suite no-such-suite');
  });
});
