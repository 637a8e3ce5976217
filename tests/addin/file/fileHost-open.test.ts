// Opening a dropped file: read off the UI thread where a worker runs (tests/addin/check/runner.test.ts
// covers that path), with progress from the first moment; here, jsdom's main-thread fallback.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FileHost } from '../../../addin/src/file/fileHost';
import { readWorkbook } from '../../../shared/xlsx/read';
import { FIXTURE } from '../helpers';

describe('FileHost.open', () => {
  it('reports progress from 0 to the whole and reads the same grids as the reader', async () => {
    const b = readFileSync(FIXTURE);
    const bytes = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    const host = new FileHost();
    const seen: [number, number][] = [];
    await host.open(bytes, 'branch.xlsx', (done, total) => seen.push([done, total]));
    expect(seen[0]![0]).toBe(0);
    const [lastDone, lastTotal] = seen.at(-1)!;
    expect(lastDone).toBe(lastTotal);
    expect(lastTotal).toBeGreaterThan(1);
    expect(await host.readGrids()).toEqual(await readWorkbook(bytes));
    expect(host.workbookName()).toBe('branch.xlsx');
  });
});
