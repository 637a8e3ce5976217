// Start-up: Excel vs browser mode, and the real Office/Excel globals wired into the adapter.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createExcelHost, detectExcel } from '../../../addin/src/excel/office';
import { FakeExcel } from '../fakeExcel';

afterEach(() => vi.unstubAllGlobals());

const HostType = { Excel: 'Excel', Word: 'Word' };

describe('detectExcel', () => {
  it('is browser mode when office.js did not load', async () => {
    expect(await detectExcel()).toBe(false);
  });

  it('is browser mode when Office.onReady reports no host (a plain page)', async () => {
    vi.stubGlobal('Office', { HostType, onReady: async () => ({ host: null, platform: null }) });
    expect(await detectExcel()).toBe(false);
  });

  it('is Excel when Office.onReady says Excel, and not for Word', async () => {
    vi.stubGlobal('Office', { HostType, context: { requirements: { isSetSupported: () => true } }, onReady: async () => ({ host: 'Excel', platform: 'PC' }) });
    expect(await detectExcel()).toBe(true);
    vi.stubGlobal('Office', { HostType, onReady: async () => ({ host: 'Word', platform: 'PC' }) });
    expect(await detectExcel()).toBe(false);
  });

  it('is browser mode in an Excel without the manifest\'s ExcelApi 1.9', async () => {
    const asked: [string, string][] = [];
    const isSetSupported = (set: string, v: string) => (asked.push([set, v]), v !== '1.9');
    vi.stubGlobal('Office', { HostType, context: { requirements: { isSetSupported } }, onReady: async () => ({ host: 'Excel', platform: 'PC' }) });
    expect(await detectExcel()).toBe(false);
    expect(asked).toContainEqual(['ExcelApi', '1.9']);
  });

  it('gives up on an Office.onReady that never answers', async () => {
    vi.stubGlobal('Office', { HostType, onReady: () => new Promise(() => {}) });
    expect(await detectExcel(50)).toBe(false);
  });
});

describe('createExcelHost', () => {
  it('runs batches through Excel.run and keeps settings in the document', async () => {
    const excel = new FakeExcel();
    excel.addSheet('花名册').setRow(0, ['姓名', '公民身份号码']);
    const store = new Map<string, unknown>();
    let saved = 0;
    const runs: unknown[] = [];
    vi.stubGlobal('Excel', {
      run: (a: unknown, b?: unknown) => {
        runs.push(typeof a === 'function' ? 'plain' : a);
        return excel.run((typeof a === 'function' ? a : b) as never);
      },
    });
    vi.stubGlobal('Office', {
      AsyncResultStatus: { Succeeded: 'succeeded' },
      PlatformType: { OfficeOnline: 'OfficeOnline', PC: 'PC' },
      context: {
        platform: 'OfficeOnline',
        document: {
          settings: {
            get: (k: string) => store.get(k) ?? null,
            set: (k: string, v: unknown) => store.set(k, v),
            saveAsync: (cb: (r: { status: string }) => void) => {
              saved += 1;
              cb({ status: 'succeeded' });
            },
          },
        },
      },
    });
    const host = createExcelHost();
    const grids = await host.readGrids();
    expect(grids[0]!.values[0]).toEqual(['姓名', '公民身份号码']);
    await host.readRows('花名册', 0, 0);
    expect(runs).toEqual(['plain', { delayForCellEdit: true }]);
    await host.saveSetting('duesbook.columnMapping', { a: 1 });
    expect(store.get('duesbook.columnMapping')).toEqual({ a: 1 });
    expect(saved).toBe(1);
  });

  it('registers worksheets.onChanged, passes changeType/triggerSource on, and removes the handler with its own context', async () => {
    const excel = new FakeExcel();
    excel.addSheet('花名册').setRow(0, ['姓名', '公民身份号码']);
    const sets: string[] = [];
    vi.stubGlobal('Excel', { run: excel.run });
    vi.stubGlobal('Office', {
      PlatformType: { OfficeOnline: 'OfficeOnline' },
      context: {
        platform: 'PC',
        requirements: { isSetSupported: (_s: string, v: string) => (sets.push(v), v === '1.9' || v === '1.13') },
        document: { settings: { get: () => null, set: () => {}, saveAsync: () => {} } },
      },
    });
    const host = createExcelHost();
    expect(sets).toContain('1.13');
    await host.readGrids();
    const seen: unknown[] = [];
    const off = host.onChanged((c) => seen.push(c));
    await vi.waitFor(() => expect(excel.changeHandlers.size).toBe(1));
    await excel.fireChanged({ address: 'B2', worksheetId: 'id-0', changeType: 'RangeEdited', triggerSource: 'Unknown' });
    await excel.fireChanged({ address: 'B3', worksheetId: 'id-0', changeType: 'RangeEdited', triggerSource: 'ThisLocalAddin' });
    await excel.fireChanged({ address: '4:4', worksheetId: 'id-0', changeType: 'RowInserted', triggerSource: 'Unknown' });
    expect(seen).toEqual([
      { sheet: '花名册', firstRow: 1, lastRow: 1 },
      { sheet: '花名册', firstRow: 3, lastRow: 1_048_575 },
    ]);
    off();
    await vi.waitFor(() => expect(excel.changeHandlers.size).toBe(0));
  });
});
