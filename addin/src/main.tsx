/**
 * Entry: WPS 表格 when its Application object is there, Excel when office.js says so, else
 * browser mode with dropped files (host/detectHost.ts). office.js may fail to load entirely
 * (offline, plain browser, WPS): the pane must still start.
 */
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { defaultRunner } from './check/runner';
import { FileHost } from './file/fileHost';
import type { WorkbookHost } from './host/workbookHost';
import { createExcelHost, detectExcel } from './excel/office';
import { detectHost } from './host/detectHost';
import { createWpsHost, wpsApplication } from './wps/start';

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function safeStorage(kind: 'sessionStorage' | 'localStorage'): Storage | null {
  try {
    const s = window[kind];
    s.getItem('probe');
    return s;
  } catch {
    return null;
  }
}

function memoryStore() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

async function start() {
  const wps = wpsApplication();
  const choice = await detectHost({ wps: () => wps !== null, excel: () => detectExcel() });
  const host: WorkbookHost = choice === 'wps' && wps ? createWpsHost(wps) : choice === 'excel' ? createExcelHost() : new FileHost();
  const params = new URLSearchParams(location.search);
  const lang = params.get('lang') === 'en' ? 'en' : 'zh';
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  createRoot(document.getElementById('root')!).render(
    <App
      host={host}
      runner={defaultRunner()}
      sessionStore={safeStorage('sessionStorage')}
      localStore={safeStorage('localStorage') ?? memoryStore()}
      today={params.get('today') ?? todayIso()}
      initialLang={lang}
    />,
  );
}

void start();
