/**
 * The pane's per-workbook settings (column mapping, recorded fills of marked cells) kept inside
 * the workbook, in custom document properties named `duesbook.<key>`.
 *
 * Why custom document properties and not a very-hidden sheet: a property is not a sheet, so
 * nothing that walks the workbook's sheets meets it — our own CLI and browser mode reading the
 * saved .xlsx, the clerk's macros, formulas over sheet indexes, "print entire workbook", a 党委's
 * other tools — while a very-hidden sheet would show up in every one of them (and in
 * Sheets.Count); a property also survives saving as .xlsx and .et alike. Its cost: Excel caps a
 * string property at 255 characters, and WPS mirrors Excel's object model, so a value is stored
 * as JSON in 255-character chunks (`duesbook.<key>#0`, `#1`, …) with the chunk count in
 * `duesbook.<key>` itself. Settings hold no secrets (the access token never enters the workbook).
 */
import type { WpsDocumentProperties, WpsWorkbook } from './wpsModel';
import { MSO_PROPERTY_TYPE_STRING } from './wpsModel';

export const CHUNK = 255;
const PREFIX = 'duesbook.';

function tryItem(props: WpsDocumentProperties, name: string) {
  try {
    return props.Item(name);
  } catch {
    // COM raises for a property that is not there
    return null;
  }
}

function put(props: WpsDocumentProperties, name: string, value: string): void {
  const p = tryItem(props, name);
  if (p) p.Value = value;
  else props.Add(name, false, MSO_PROPERTY_TYPE_STRING, value);
}

export class DocSettings {
  /** Chunk counts already known per key (saves reading the header before each write). */
  private counts = new Map<string, number>();

  constructor(private readonly workbook: () => WpsWorkbook | null) {}

  private props(): WpsDocumentProperties {
    const wb = this.workbook();
    if (!wb) throw new Error('WPS: no workbook is open');
    return wb.CustomDocumentProperties;
  }

  private count(props: WpsDocumentProperties, key: string): number {
    const known = this.counts.get(key);
    if (known !== undefined) return known;
    const head = tryItem(props, PREFIX + key);
    const n = head ? Number(head.Value) : 0;
    const count = Number.isInteger(n) && n > 0 ? n : 0;
    this.counts.set(key, count);
    return count;
  }

  get(key: string): unknown {
    const props = this.props();
    const n = this.count(props, key);
    if (!n) return undefined;
    let json = '';
    for (let i = 0; i < n; i++) {
      const p = tryItem(props, `${PREFIX}${key}#${i}`);
      if (!p) return undefined; // a chunk went missing: the value cannot be trusted
      json += String(p.Value ?? '');
    }
    try {
      return JSON.parse(json);
    } catch {
      return undefined;
    }
  }

  set(key: string, value: unknown): void {
    const props = this.props();
    const old = this.count(props, key);
    const json = value === undefined || value === null ? '' : JSON.stringify(value);
    const chunks = split(json);
    const n = chunks.length;
    chunks.forEach((c, i) => put(props, `${PREFIX}${key}#${i}`, c));
    for (let i = n; i < old; i++) tryItem(props, `${PREFIX}${key}#${i}`)?.Delete();
    if (n) put(props, PREFIX + key, String(n));
    else tryItem(props, PREFIX + key)?.Delete();
    this.counts.set(key, n);
  }
}

/** 255-unit slices that never cut a surrogate pair (a lone surrogate may not survive COM). */
export function split(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    let end = Math.min(text.length, i + CHUNK);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}
