/**
 * WPS start-up: finds WPS 表格's Application object in the pane's page and builds the WPS host
 * on it. WPS's embedded browser gives add-in pages `window.Application` (older versions:
 * `window.wps.EtApplication()`); WPS 文字 and 演示 have an Application too, without workbooks —
 * those, like any plain browser, get browser mode.
 */
import type { WpsApplication } from './wpsModel';
import { WpsWorkbookHost } from './wpsHost';

interface WpsWindow {
  Application?: unknown;
  wps?: { EtApplication?: () => unknown };
}

function isSpreadsheet(app: unknown): app is WpsApplication {
  if (typeof app !== 'object' || app === null) return false;
  try {
    return 'ActiveWorkbook' in app && 'ApiEvent' in app;
  } catch {
    return false;
  }
}

/** WPS 表格's Application, or null outside WPS 表格. */
export function wpsApplication(win: WpsWindow = window as unknown as WpsWindow): WpsApplication | null {
  if (isSpreadsheet(win.Application)) return win.Application;
  try {
    const app = win.wps?.EtApplication?.();
    return isSpreadsheet(app) ? app : null;
  } catch {
    return null;
  }
}

export function createWpsHost(app: WpsApplication): WpsWorkbookHost {
  return new WpsWorkbookHost({ app });
}
