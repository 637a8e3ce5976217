/**
 * The zip container of an .xlsx package, read from its central directory so each part can be
 * inflated on its own: small parts (workbook, styles, shared strings) whole, worksheets as a
 * stream of chunks that never exist as one buffer (fflate does the inflating; this module only
 * finds where each part's bytes are). Errors say what is wrong with the package.
 */
import { inflateSync } from 'fflate';

/** Raised when the bytes are not a readable .xlsx workbook (zip/XML broken, or another format). */
export class WorkbookReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WorkbookReadError';
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's local header. */
  headerOffset: number;
}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

function u16(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8);
}
function u32(b: Uint8Array, i: number): number {
  return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
}

/** ASCII/UTF-8 entry names (part names in OOXML are ASCII; flag 11 marks UTF-8). */
function nameAt(b: Uint8Array, i: number, n: number): string {
  let s = '';
  for (let k = 0; k < n; k++) {
    const c = b[i + k]!;
    if (c >= 0x80) return decodeURIComponent(Array.from(b.subarray(i, i + n), (x) => `%${x.toString(16).padStart(2, '0')}`).join(''));
    s += String.fromCharCode(c);
  }
  return s;
}

/** The package's entries by name (a leading "/" dropped), from the central directory. */
export function zipEntries(b: Uint8Array): Map<string, ZipEntry> {
  // The end-of-central-directory record sits in the last 22 bytes plus an optional comment.
  let e = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (u32(b, i) === EOCD) {
      e = i;
      break;
    }
  }
  if (e < 0) throw new WorkbookReadError('the zip package is truncated or damaged (no central directory at its end)');
  const count = u16(b, e + 10);
  const cdOffset = u32(b, e + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new WorkbookReadError('ZIP64 packages are not supported (no workbook needs one)');
  const out = new Map<string, ZipEntry>();
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || u32(b, p) !== CEN) throw new WorkbookReadError('the zip package is damaged (its central directory is cut short)');
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const compressedSize = u32(b, p + 20);
    const size = u32(b, p + 24);
    const n = u16(b, p + 28);
    const extra = u16(b, p + 30);
    const comment = u16(b, p + 32);
    const headerOffset = u32(b, p + 42);
    let name = nameAt(b, p + 46, n);
    if (name.startsWith('/')) name = name.slice(1);
    if (flags & 1) throw new WorkbookReadError('the workbook is encrypted (password-protected); save it without a password first');
    if (!name.endsWith('/')) out.set(name, { name, method, compressedSize, size, headerOffset });
    p += 46 + n + extra + comment;
  }
  return out;
}

/** The compressed bytes of an entry (a view into the package). */
function dataOf(b: Uint8Array, en: ZipEntry): Uint8Array {
  const h = en.headerOffset;
  if (h + 30 > b.length || u32(b, h) !== LOC) throw new WorkbookReadError(`the zip package is damaged (${en.name} has no local header)`);
  const start = h + 30 + u16(b, h + 26) + u16(b, h + 28);
  const end = start + en.compressedSize;
  if (end > b.length) throw new WorkbookReadError(`the zip package is truncated (${en.name} is cut short)`);
  if (en.method !== 0 && en.method !== 8) throw new WorkbookReadError(`${en.name} uses zip compression method ${en.method}; only stored and deflate are allowed in .xlsx`);
  return b.subarray(start, end);
}

function damaged(en: ZipEntry, e: unknown): WorkbookReadError {
  return new WorkbookReadError(`${en.name} is damaged in the zip package (${e instanceof Error ? e.message : String(e)})`, { cause: e });
}

/** An entry's bytes, inflated whole (for the small parts). */
export function inflateEntry(b: Uint8Array, en: ZipEntry): Uint8Array {
  const data = dataOf(b, en);
  if (en.method === 0) return data;
  try {
    return inflateSync(data, { out: new Uint8Array(en.size) });
  } catch (e) {
    throw damaged(en, e);
  }
}

/**
 * A worksheet's bytes, inflated in one call: fflate's one-shot inflate is about twice as fast
 * as its streaming one here (measured cold, `npm run bench -- reader`), and the scan reads the
 * bytes in place (sheet-scan.ts feedBytes), so the sheet never exists as one string.
 */
export function inflateSheet(b: Uint8Array, en: ZipEntry): Uint8Array {
  const data = inflateEntry(b, en);
  if (data.length !== en.size) throw new WorkbookReadError(`${en.name} is damaged in the zip package (${data.length} bytes inflated, ${en.size} expected)`);
  return data;
}
