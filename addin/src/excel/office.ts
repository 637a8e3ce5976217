/**
 * Office start-up: decides between Excel and browser mode, and wires the real Excel
 * dependencies into ExcelWorkbookHost. office.js may be missing (offline, plain browser):
 * then `Office` is undefined, or Office.onReady resolves with host null.
 */
import type { ExcelHostDeps, SettingsStore } from './excelHost';
import { CELLS_PER_SYNC, ExcelWorkbookHost } from './excelHost';

export async function detectExcel(timeoutMs = 4000): Promise<boolean> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return false;
  try {
    const info = await Promise.race([
      Office.onReady(),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs)),
    ]);
    // The manifest asks for ExcelApi 1.9 (worksheets.onChanged, cell properties, fill patterns);
    // a host without it gets the browser mode rather than calls that fail mid-check.
    return !!info && info.host === Office.HostType.Excel && isSupported('1.9');
  } catch {
    return false;
  }
}

function isSupported(version: string): boolean {
  return Office.context?.requirements?.isSetSupported?.('ExcelApi', version) ?? false;
}

function documentSettings(): SettingsStore {
  const s = Office.context.document.settings;
  return {
    get: (k) => s.get(k),
    set: (k, v) => s.set(k, v),
    save: () =>
      new Promise<void>((resolve, reject) =>
        s.saveAsync((r) => (r.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(new Error(r.error.message)))),
      ),
  };
}

export function createExcelHost(): ExcelWorkbookHost {
  const deps: ExcelHostDeps = {
    run: (batch) => Excel.run(batch),
    runAfterEdit: (batch) => Excel.run({ delayForCellEdit: true }, batch),
    settings: documentSettings(),
    // Only Excel on the web caps a request at 5 MB; desktop Excel reads everything in one go.
    cellsPerSync: Office.context.platform === Office.PlatformType.OfficeOnline ? CELLS_PER_SYNC : Number.POSITIVE_INFINITY,
    mergedAreas: isSupported('1.13'),
    ...(isSupported('1.8') ? { createWorkbook: (base64: string) => Excel.createWorkbook(base64) } : {}),
    subscribe: async (handler) => {
      // Only the EventHandlerResult outlives this batch: the documented way to remove a handler
      // is Excel.run(registration.context, …). Event args are copied to plain data.
      const registration = await Excel.run(async (ctx) => {
        const reg = ctx.workbook.worksheets.onChanged.add(async (e) =>
          handler({ address: e.address, worksheetId: e.worksheetId, changeType: e.changeType, triggerSource: e.triggerSource }),
        );
        await ctx.sync();
        return reg;
      });
      return async () => {
        await Excel.run(registration.context, async (ctx) => {
          registration.remove();
          await ctx.sync();
        });
      };
    },
  };
  return new ExcelWorkbookHost(deps);
}
