/**
 * One worksheet's XML → a grid. The reader hands it the part's bytes (feedBytes): rows and the
 * common cell are read from the bytes, everything else is decoded a stretch at a time and
 * scanned as text (feed), which also takes text chunks that end anywhere (in the middle of a
 * tag or a character reference: the unfinished tail waits for the next chunk).
 *
 * Hand-written rather than on a maintained XML parser, by measurement (`npm run bench --
 * reader`): saxes, the best of saxes/sax/htmlparser2/txml/fast-xml-parser on this input, takes
 * about 3× the unzip+scan limit on the 10,000-member workbook emitting events alone, before a
 * single cell is built; the target is 2× for the whole read. The scan only needs what
 * SpreadsheetML puts in <sheetData> and <mergeCells>, so it looks at those tags and skips the rest.
 *
 * The grid equals what the exceljs reader gave (tests/shared/xlsx/read-equivalence.test.ts),
 * including exceljs's own rules: a formula's cached value is kept only when truthy, t="str"
 * text is entity-decoded twice, merged cells other than the master are left out, and dates
 * under a date format pass through exceljs's millisecond rounding.
 */
import { strFromU8 } from 'fflate';
import type { CellValue, Grid } from '../grid';
import type { SharedString, Styles } from './parts';
import { WorkbookReadError } from './zip';
import { columnNumber, slideFormula } from './shared-formula';
import { unescapeX, xmlDecodeAgain, xmlText } from './xml-text';

export interface SheetContext {
  sst: SharedString[];
  styles: Styles | undefined;
  date1904: boolean;
}

const T_NUM = 0;
const T_SST = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_BOOL = 4;
const T_ERR = 5;

const CAP_NONE = 0;
const CAP_VALUE = 1; // <v>, and <t> of an inline string: both are the cell's value text
const CAP_FORMULA = 2;
const CAP_RUN = 3;

const MS_PER_DAY = 86_400_000;

/** Bytes scanned between progress calls. */
const BYTE_STEP = 1024 * 1024;

/** exceljs turns a number under a date format into a Date and the reader back into a serial; both steps round. */
function dateRound(v: number, date1904: boolean): number {
  const ms = Math.round((v - 25569 + (date1904 ? 1462 : 0)) * MS_PER_DAY);
  const t = Math.abs(ms) > 8.64e15 ? NaN : ms; // past a Date's range: an invalid date
  const days = t / MS_PER_DAY + (date1904 ? 24_107 : 25_569);
  return Math.round(days * MS_PER_DAY) / MS_PER_DAY;
}

/** A cell left out because it is a merged area's non-master cell. */
const SLAVE = Symbol('merged');

interface Master { row: number; col: number; formula: string | undefined }

function isNameEnd(c: number): boolean {
  return c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;
}

export class SheetScanner {
  private rest = '';
  private readonly values: (CellValue | undefined | typeof SLAVE)[][] = [];
  private readonly formats: string[][] = [];
  private readonly formulas: (string | undefined)[][] = [];
  private readonly merges: NonNullable<Grid['merges']> = [];
  /** Rows holding filler slots (undefined until the end, then null like exceljs's padding). */
  private readonly padded: number[] = [];
  private readonly masters = new Map<string, Master>();
  private ended = false;

  private row = -1;
  private rowVals: (CellValue | undefined)[] | undefined;
  private rowFmts: string[] | undefined;
  private rowFx: (string | undefined)[] | undefined;
  private rowPadded = false;
  private prevCol = -1;

  private inCell = false;
  private col = 0;
  private t = T_NUM;
  private s = 0;
  private val = '';
  private fText = '';
  private fShare: string | undefined;
  private fRef: string | undefined;
  private fSi: string | undefined;
  private runs: string[] | undefined;
  private runText = '';
  private inIs = false;
  private inRPh = false;
  private inRun = false;
  private cap = CAP_NONE;

  constructor(private readonly part: string, private readonly ctx: SheetContext) {}

  /** Feeds the next decoded chunk of the part's text. */
  feed(chunk: string): void {
    const s = this.rest.length ? this.rest + chunk : chunk;
    const n = s.length;
    let p = 0;
    while (p < n) {
      const lt = s.indexOf('<', p);
      if (lt < 0) {
        this.text(s, p, n);
        p = n;
        break;
      }
      if (lt > p) this.text(s, p, lt);
      p = lt;
      if (lt + 1 >= n) break;
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === 33 || c1 === 63) {
        // <!-- comment -->, <![CDATA[ … ]]>, <!DOCTYPE …>, <?xml …?>
        if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end < 0) break;
          if (this.cap !== CAP_NONE) this.rawText(s.slice(lt + 9, end).replace(/&/g, '&amp;').replace(/</g, '&lt;'));
          p = end + 3;
        } else if (s.startsWith('<!--', lt)) {
          const end = s.indexOf('-->', lt + 4);
          if (end < 0) break;
          p = end + 3;
        } else {
          const end = s.indexOf('>', lt + 2);
          if (end < 0) break;
          p = end + 1;
        }
        continue;
      }
      const gt = s.indexOf('>', lt + 1);
      if (gt < 0) break;
      if (c1 === 47) this.close(s, lt + 2, gt);
      else {
        let e = lt + 1;
        while (e < gt && !isNameEnd(s.charCodeAt(e))) e++;
        const selfClosing = s.charCodeAt(gt - 1) === 47;
        if (e === lt + 2 && c1 === 99 && !selfClosing) {
          // The common cell, <c …><v>text</v></c>, read in one step; anything else the long way.
          const next = this.quickCell(s, e, gt);
          if (next > 0) {
            p = next;
            continue;
          }
          this.cellOpen(s, e, gt);
        } else this.open(s, lt + 1, e, selfClosing ? gt - 1 : gt, selfClosing);
      }
      p = gt + 1;
    }
    this.rest = p < n ? s.slice(p) : '';
  }

  private text(s: string, from: number, to: number): void {
    if (this.cap !== CAP_NONE) this.rawText(s.slice(from, to));
  }

  private rawText(t: string): void {
    switch (this.cap) {
      case CAP_VALUE: this.val += t; break;
      case CAP_FORMULA: this.fText += t; break;
      case CAP_RUN: this.runText += t; break;
    }
  }

  private open(s: string, at: number, nameEnd: number, attrEnd: number, selfClosing: boolean): void {
    const len = nameEnd - at;
    const c0 = s.charCodeAt(at);
    if (len === 1) {
      switch (c0) {
        case 99: // c
          this.cellOpen(s, nameEnd, attrEnd);
          if (selfClosing) this.cellClose();
          return;
        case 118: // v
          if (this.inCell && !selfClosing) this.cap = CAP_VALUE;
          return;
        case 102: // f
          if (this.inCell) this.formulaOpen(s, nameEnd, attrEnd, selfClosing);
          return;
        case 116: // t
          if (this.inIs && !this.inRPh && !selfClosing) this.cap = this.inRun ? CAP_RUN : CAP_VALUE;
          return;
        case 114: // r: a rich-text run
          if (this.inIs && !this.inRPh && !selfClosing) {
            this.inRun = true;
            this.runText = '';
          } else if (this.inIs && !this.inRPh) (this.runs ??= []).push('');
          return;
      }
      return;
    }
    if (len === 3 && c0 === 114) {
      if (s.charCodeAt(at + 1) === 111 && s.charCodeAt(at + 2) === 119) {
        this.rowOpen(s, nameEnd, attrEnd);
        if (selfClosing) this.rowClose();
      } else if (s.startsWith('rPh', at) && !selfClosing && this.inIs) this.inRPh = true;
      return;
    }
    if (len === 2 && c0 === 105 && s.charCodeAt(at + 1) === 115) {
      if (this.inCell && !selfClosing) this.inIs = true;
      return;
    }
    if (len === 9 && s.startsWith('mergeCell', at)) this.mergeCell(s, nameEnd, attrEnd);
  }

  private close(s: string, at: number, gt: number): void {
    let end = gt;
    while (end > at && isNameEnd(s.charCodeAt(end - 1))) end--;
    const len = end - at;
    const c0 = s.charCodeAt(at);
    if (len === 1) {
      switch (c0) {
        case 99: this.cellClose(); return;
        case 118: case 102: case 116: this.cap = CAP_NONE; return;
        case 114:
          if (this.inRun) {
            (this.runs ??= []).push(unescapeX(xmlText(this.runText)));
            this.inRun = false;
            this.cap = CAP_NONE;
          }
          return;
      }
      return;
    }
    if (len === 3 && c0 === 114) {
      if (s.charCodeAt(at + 1) === 111) this.rowClose();
      else this.inRPh = false;
      return;
    }
    if (len === 2 && c0 === 105) {
      this.inIs = false;
      this.cap = CAP_NONE;
      return;
    }
    if (len === 9 && s.startsWith('worksheet', at)) this.ended = true;
  }

  private rowOpen(s: string, from: number, to: number): void {
    const r = attrValue(s, from, to, 114);
    this.rowStart(r === undefined ? NaN : parseInt(r, 10));
  }

  /** A row begins: `n` is its r (1-based), or not a number for the row after the last. */
  private rowStart(n: number): void {
    this.row = n >= 1 ? n - 1 : this.row + 1;
    this.rowVals = undefined;
    this.rowFmts = undefined;
    this.rowFx = undefined;
    this.rowPadded = false;
    this.prevCol = -1;
  }

  private rowClose(): void {
    const r = this.row;
    if (this.rowVals) {
      this.values[r] = this.rowVals;
      if (this.rowPadded) this.padded.push(r);
    }
    if (this.rowFmts) this.formats[r] = this.rowFmts;
    if (this.rowFx) this.formulas[r] = this.rowFx;
    this.rowVals = undefined;
    this.rowFmts = undefined;
    this.rowFx = undefined;
  }

  private cellOpen(s: string, from: number, to: number): void {
    this.inCell = true;
    this.val = '';
    this.fText = '';
    this.fShare = undefined;
    this.fRef = undefined;
    this.fSi = undefined;
    this.runs = undefined;
    this.inIs = false;
    this.inRun = false;
    this.inRPh = false;
    this.cap = CAP_NONE;
    let col = -1;
    let t = T_NUM;
    let style = 0;
    // The attributes r, s and t, read in place (the hot path: one call per cell).
    let i = from;
    while (i < to) {
      const eq = s.indexOf('=', i);
      if (eq < 0 || eq >= to) break;
      let k = i;
      while (k < eq && s.charCodeAt(k) <= 32) k++;
      const q = eq + 1;
      const quote = s.charCodeAt(q);
      const vEnd = s.indexOf(quote === 39 ? "'" : '"', q + 1);
      if (vEnd < 0) break;
      if (eq - k === 1) {
        const name = s.charCodeAt(k);
        if (name === 114) {
          // r="AB12": the column is its letters; the row comes from <row>
          let c = 0;
          for (let j = q + 1; j < vEnd; j++) {
            const ch = s.charCodeAt(j) | 32;
            if (ch < 97 || ch > 122) break;
            c = c * 26 + ch - 96;
          }
          if (c > 0) col = c - 1;
        } else if (name === 115) {
          style = parseInt(s.slice(q + 1, vEnd), 10) || 0;
        } else if (name === 116) {
          const tl = vEnd - q - 1;
          const tc = s.charCodeAt(q + 1);
          if (tl === 1) t = tc === 115 ? T_SST : tc === 98 ? T_BOOL : tc === 101 ? T_ERR : T_NUM;
          else if (tl === 3 && tc === 115) t = T_STR;
          else if (tl === 9 && tc === 105) t = T_INLINE;
        }
      }
      i = vEnd + 1;
    }
    this.col = col >= 0 ? col : this.prevCol + 1;
    this.t = t;
    this.s = style;
  }

  /**
   * `<c r=… s=… t=…><v>text</v></c>` with a number, a shared string, a boolean or an error:
   * parsed and placed without the general path's state. Returns where the scan goes on, or -1
   * when the cell has any other shape (formula, inline string, no value, split across chunks).
   */
  private quickCell(s: string, from: number, gt: number): number {
    const v = gt + 1;
    if (s.charCodeAt(v) !== 60 || s.charCodeAt(v + 1) !== 118 || s.charCodeAt(v + 2) !== 62) return -1;
    const ve = s.indexOf('<', v + 3);
    if (ve < 0 || !s.startsWith('</v></c>', ve) || ve === v + 3) return -1;
    let col = -1;
    let t = T_NUM;
    let style = 0;
    let i = from;
    while (i < gt) {
      const eq = s.indexOf('=', i);
      if (eq < 0 || eq >= gt) break;
      let k = i;
      while (k < eq && s.charCodeAt(k) <= 32) k++;
      const q = eq + 1;
      const vEnd = s.indexOf(s.charCodeAt(q) === 39 ? "'" : '"', q + 1);
      if (vEnd < 0) return -1;
      if (eq - k === 1) {
        const name = s.charCodeAt(k);
        if (name === 114) {
          let c = 0;
          for (let j = q + 1; j < vEnd; j++) {
            const ch = s.charCodeAt(j) | 32;
            if (ch < 97 || ch > 122) break;
            c = c * 26 + ch - 96;
          }
          if (c > 0) col = c - 1;
        } else if (name === 115) {
          let n = 0;
          for (let j = q + 1; j < vEnd; j++) {
            const d = s.charCodeAt(j) - 48;
            if (d < 0 || d > 9) return -1;
            n = n * 10 + d;
          }
          style = n;
        } else if (name === 116) {
          const tl = vEnd - q - 1;
          const tc = s.charCodeAt(q + 1);
          if (tl === 1) t = tc === 115 ? T_SST : tc === 98 ? T_BOOL : tc === 101 ? T_ERR : T_NUM;
          else return -1; // str, inlineStr: the general path
        }
      }
      i = vEnd + 1;
    }
    if (col < 0) col = this.prevCol + 1;
    const { ctx } = this;
    let value: CellValue;
    if (t === T_SST) {
      let n = 0;
      for (let j = v + 3; j < ve; j++) {
        const d = s.charCodeAt(j) - 48;
        if (d < 0 || d > 9) return -1;
        n = n * 10 + d;
      }
      const x = ctx.sst[n];
      value = x === undefined ? null : x;
    } else if (t === T_NUM) {
      let x = decimal(s, v + 3, ve);
      if (x !== x) {
        const raw = s.slice(v + 3, ve);
        if (raw.indexOf('&') >= 0) return -1;
        x = parseFloat(raw);
      }
      value = style && ctx.styles?.isDate[style] === true ? dateRound(x, ctx.date1904) : x;
    } else {
      const raw = s.slice(v + 3, ve);
      if (raw.indexOf('&') >= 0 || raw.indexOf('\r') >= 0) return -1;
      value = t === T_BOOL ? parseInt(raw, 10) !== 0 : raw;
    }
    this.put(col, value, style);
    return ve + 8;
  }

  /** Places a quick cell's value (and its number format) in the current row. */
  private put(col: number, value: CellValue, style: number): void {
    this.prevCol = col;
    let vals = this.rowVals;
    if (!vals) vals = this.rowVals = [];
    if (vals.length < col) {
      this.rowPadded = true;
      while (vals.length < col) vals.push(undefined);
    }
    vals[col] = value;
    const styles = this.ctx.styles;
    if (style && styles) {
      const numFmt = styles.numFmt[style];
      if (numFmt && numFmt !== 'General') (this.rowFmts ??= [])[col] = numFmt;
    }
  }

  /**
   * Scans a whole sheet part from its UTF-8 bytes. Rows and the common cell are read from the
   * bytes themselves (numbers and shared-string indices parsed there, no text decoded: the
   * decoding, the chunk joins and the garbage they made were a third of the read, `npm run
   * bench -- reader`); anything else — formulas, inline strings, the parts around <sheetData> —
   * is decoded a stretch at a time and scanned as text by feed(). Stretches are cut just before
   * a `<` of a row or cell tag, which in UTF-8 never falls inside a character.
   */
  feedBytes(b: Uint8Array, onStep?: (fraction: number) => void): void {
    const n = b.length;
    // A UTF-8 byte-order mark may come before the XML declaration.
    let p = n >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
    let step = p + BYTE_STEP;
    while (p < n) {
      if (p >= step) {
        onStep?.(p / n);
        step = p + BYTE_STEP;
      }
      // Between cells and rows, with nothing pending in the text scan: the bytes' own way.
      if (this.rest === '' && !this.inCell) {
        const lt = find(b, 60, p);
        if (lt < 0) {
          // Text after the last tag (outside any cell: nothing is kept of it).
          this.feed(strFromU8(b.subarray(p)));
          break;
        }
        const next = this.byteTag(b, lt);
        if (next > 0) {
          p = next;
          continue;
        }
        p = lt;
      }
      const q = nextRowOrCell(b, p + 1);
      this.feed(strFromU8(b.subarray(p, q)));
      p = q;
    }
    onStep?.(1);
  }

  /** A row tag, a row's end or a common cell at `lt`, read from the bytes; where the scan goes on, or -1 for the text way. */
  private byteTag(b: Uint8Array, lt: number): number {
    const c1 = b[lt + 1];
    if (c1 === 99) return isNameEnd(b[lt + 2]!) ? this.quickCellBytes(b, lt + 2) : -1;
    if (c1 === 114 && b[lt + 2] === 111 && b[lt + 3] === 119 && isNameEnd(b[lt + 4]!)) {
      const gt = find(b, 62, lt + 4);
      if (gt < 0) return -1;
      const selfClosing = b[gt - 1] === 47;
      const r = rowNumberBytes(b, lt + 4, selfClosing ? gt - 1 : gt);
      if (r === -2) {
        // An r that is not plain digits: the text way's own reading of it.
        const tag = ascii(b, lt, gt + 1);
        if (tag === null) return -1;
        this.rowOpen(tag, 4, selfClosing ? tag.length - 2 : tag.length - 1);
      } else this.rowStart(r);
      if (selfClosing) this.rowClose();
      return gt + 1;
    }
    if (c1 === 47 && b[lt + 2] === 114 && b[lt + 3] === 111 && b[lt + 4] === 119) {
      let e = lt + 5;
      while (e < b.length && b[e] !== 62 && isNameEnd(b[e]!)) e++;
      if (b[e] !== 62) return -1;
      this.rowClose();
      return e + 1;
    }
    return -1;
  }

  /** quickCell on bytes: `<c …><v>text</v></c>` with a number, a shared string, a boolean or an error; -1 for any other shape. */
  private quickCellBytes(b: Uint8Array, from: number): number {
    const gt = find(b, 62, from);
    if (gt < 0 || b[gt - 1] === 47) return -1;
    const v = gt + 1;
    if (b[v] !== 60 || b[v + 1] !== 118 || b[v + 2] !== 62) return -1;
    const ve = find(b, 60, v + 3);
    if (ve < 0 || ve === v + 3 || b[ve + 1] !== 47 || b[ve + 2] !== 118 || b[ve + 3] !== 62 || b[ve + 4] !== 60 || b[ve + 5] !== 47 || b[ve + 6] !== 99 || b[ve + 7] !== 62) return -1;
    let col = -1;
    let t = T_NUM;
    let style = 0;
    let i = from;
    while (i < gt) {
      const eq = find(b, 61, i);
      if (eq < 0 || eq >= gt) break;
      let k = i;
      while (k < eq && b[k]! <= 32) k++;
      const q = eq + 1;
      const vEnd = find(b, b[q] === 39 ? 39 : 34, q + 1);
      if (vEnd < 0) return -1;
      if (eq - k === 1) {
        const name = b[k];
        if (name === 114) {
          let c = 0;
          for (let j = q + 1; j < vEnd; j++) {
            const ch = b[j]! | 32;
            if (ch < 97 || ch > 122) break;
            c = c * 26 + ch - 96;
          }
          if (c > 0) col = c - 1;
        } else if (name === 115) {
          let x = 0;
          for (let j = q + 1; j < vEnd; j++) {
            const d = b[j]! - 48;
            if (d < 0 || d > 9) return -1;
            x = x * 10 + d;
          }
          style = x;
        } else if (name === 116) {
          const tl = vEnd - q - 1;
          const tc = b[q + 1];
          if (tl === 1) t = tc === 115 ? T_SST : tc === 98 ? T_BOOL : tc === 101 ? T_ERR : T_NUM;
          else return -1; // str, inlineStr: the text way
        }
      }
      i = vEnd + 1;
    }
    if (col < 0) col = this.prevCol + 1;
    const { ctx } = this;
    let value: CellValue;
    if (t === T_SST) {
      let x = 0;
      for (let j = v + 3; j < ve; j++) {
        const d = b[j]! - 48;
        if (d < 0 || d > 9) return -1;
        x = x * 10 + d;
      }
      const str = ctx.sst[x];
      value = str === undefined ? null : str;
    } else {
      let x = t === T_NUM ? decimalBytes(b, v + 3, ve) : NaN;
      if (t !== T_NUM || x !== x) {
        const raw = ascii(b, v + 3, ve);
        if (raw === null || raw.indexOf('&') >= 0 || raw.indexOf('\r') >= 0) return -1;
        if (t === T_NUM) x = parseFloat(raw);
        else {
          this.put(col, t === T_BOOL ? parseInt(raw, 10) !== 0 : raw, style);
          return ve + 8;
        }
      }
      value = style && ctx.styles?.isDate[style] === true ? dateRound(x, ctx.date1904) : x;
    }
    this.put(col, value, style);
    return ve + 8;
  }

  private formulaOpen(s: string, from: number, to: number, selfClosing: boolean): void {
    if (!selfClosing) this.cap = CAP_FORMULA;
    this.fShare = attrValue(s, from, to, 116) ?? this.fShare;
    const ref = attrNamed(s, from, to, 'ref');
    if (ref !== undefined) this.fRef = ref;
    const si = attrNamed(s, from, to, 'si');
    if (si !== undefined) this.fSi = si;
  }

  private cellClose(): void {
    if (!this.inCell) return;
    this.inCell = false;
    this.cap = CAP_NONE;
    const { ctx } = this;
    const col = this.col;
    const style = this.s;
    const numFmt = style && ctx.styles ? ctx.styles.numFmt[style] : undefined;
    const isDate = style && ctx.styles ? ctx.styles.isDate[style] === true : false;
    let value: CellValue;
    let formula: string | undefined;
    const raw = this.val;
    if (this.fText || this.fShare) {
      // A formula: its cached result, which exceljs keeps only when truthy.
      let result: CellValue | undefined;
      if (raw) {
        const txt = xmlText(raw);
        if (this.t === T_STR) result = xmlDecodeAgain(txt);
        else if (this.t === T_BOOL) result = parseInt(txt, 10) !== 0;
        else if (this.t === T_ERR) result = txt;
        else result = parseFloat(txt);
        if (isDate) result = dateRound(this.t === T_ERR ? NaN : Number(result), ctx.date1904);
      }
      const text = this.fText ? xmlText(this.fText) : '';
      let own: string | undefined = text || undefined;
      if (this.fShare === 'shared' && this.fSi !== undefined) {
        if (this.fRef) this.masters.set(this.fSi, { row: this.row, col, formula: own });
        else {
          // A follower reads its master's formula moved to it, unless it carries its own text.
          const m = this.masters.get(this.fSi);
          if (!own && m?.formula !== undefined) own = slideFormula(m.formula, this.row - m.row, col - m.col);
        }
      }
      const known = Boolean(text) || (this.fShare === 'shared' && !this.fRef && this.fSi !== undefined && this.masters.has(this.fSi));
      value = known && (result || (isDate && result !== undefined)) ? result! : null;
      if (own) {
        const f = own.charCodeAt(0) === 61 ? own.slice(1) : own;
        if (f) formula = f;
      }
    } else if (raw || this.runs) {
      switch (this.t) {
        case T_SST: {
          const v = ctx.sst[parseInt(raw.indexOf('&') < 0 ? raw : xmlText(raw), 10)];
          value = v === undefined ? null : v;
          break;
        }
        case T_STR: value = xmlDecodeAgain(xmlText(raw)); break;
        case T_INLINE: value = this.runs ? this.runs.join('') : xmlText(raw); break;
        case T_BOOL: value = parseInt(xmlText(raw), 10) !== 0; break;
        case T_ERR: value = xmlText(raw); break;
        default: {
          const v = parseFloat(raw.indexOf('&') < 0 ? raw : xmlText(raw));
          value = isDate ? dateRound(v, ctx.date1904) : v;
        }
      }
    } else {
      // No value: a styled empty cell still takes its place (a later cell without r follows it);
      // an unstyled one is ignored altogether, as in exceljs.
      if (style) this.prevCol = col;
      return;
    }
    this.prevCol = col;
    let vals = this.rowVals;
    if (!vals) vals = this.rowVals = [];
    if (vals.length < col) {
      this.rowPadded = true;
      while (vals.length < col) vals.push(undefined);
    }
    vals[col] = value;
    if (numFmt && numFmt !== 'General') (this.rowFmts ??= [])[col] = numFmt;
    if (formula) (this.rowFx ??= [])[col] = formula;
  }

  private mergeCell(s: string, from: number, to: number): void {
    const ref = attrNamed(s, from, to, 'ref');
    if (!ref) return;
    const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
    if (!m) return;
    const c1 = columnNumber(m[1]!) - 1;
    const r1 = parseInt(m[2]!, 10) - 1;
    const c2 = m[3] ? columnNumber(m[3]) - 1 : c1;
    const r2 = m[4] ? parseInt(m[4], 10) - 1 : r1;
    this.merges.push({ top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) });
  }

  /** The grid, once every chunk is fed. */
  finish(name: string): Grid {
    if (this.rest.trim() || !this.ended) throw new WorkbookReadError(`${this.part} (sheet "${name}") is cut short: its XML does not end`);
    const { values, formats, formulas } = this;
    const touched = new Set<number>();
    for (const m of this.merges) {
      for (let r = m.top; r <= m.bottom; r++) {
        const row = values[r];
        const fr = formats[r];
        const xr = formulas[r];
        for (let c = m.left; c <= m.right; c++) {
          if (r === m.top && c === m.left) continue;
          if (row && c < row.length) {
            row[c] = SLAVE;
            touched.add(r);
          }
          if (fr && c < fr.length) delete fr[c];
          if (xr && c < xr.length) delete xr[c];
        }
        // exceljs never recorded the others' formats or formulas: no trailing holes, no empty rows
        if (fr) {
          while (fr.length && !(fr.length - 1 in fr)) fr.length--;
          if (!fr.length) delete formats[r];
        }
        if (xr) {
          while (xr.length && !(xr.length - 1 in xr)) xr.length--;
          if (!xr.length) delete formulas[r];
        }
      }
      // exceljs creates the merged cells, so the rows they cover count as rows with cells.
      const last = m.bottom > m.top ? m.bottom : m.right > m.left ? m.top : -1;
      if (last >= 0 && values[last] === undefined) values[last] = [];
    }
    for (const r of touched) {
      const row = values[r]!;
      while (row.length && (row[row.length - 1] === SLAVE || row[row.length - 1] === undefined)) row.length--;
      for (let c = 0; c < row.length; c++) if (row[c] === SLAVE || row[c] === undefined) row[c] = null;
    }
    for (const r of this.padded) {
      const row = values[r];
      if (!row || touched.has(r)) continue;
      for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
    }
    for (let r = 0; r < values.length; r++) values[r] ??= [];
    while (formats.length && formats[formats.length - 1] === undefined) formats.length--;
    while (formulas.length && formulas[formulas.length - 1] === undefined) formulas.length--;
    for (let r = 0; r < formats.length; r++) formats[r] ??= [];
    for (let r = 0; r < formulas.length; r++) formulas[r] ??= [];
    return { name, values: values as CellValue[][], formats, formulas, origin: { row: 0, col: 0 }, merges: this.merges };
  }
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * A plain decimal (-?digits[.digits], at most 15 digits) without making a string, or NaN for
 * anything else (exponents, long numbers: parseFloat's job). Exact: the digits as an integer
 * and the power of ten are both exact doubles, so one division rounds as parseFloat does.
 */
function decimal(s: string, from: number, to: number): number {
  let i = from;
  let neg = false;
  if (s.charCodeAt(i) === 45) {
    neg = true;
    i++;
  }
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 && frac < 0) {
      frac = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return NaN;
    m = m * 10 + d;
    digits++;
    if (frac >= 0) frac++;
  }
  if (!digits || digits > 15) return NaN;
  const x = frac > 0 ? m / POW10[frac]! : m;
  return neg ? -x : x;
}

/**
 * The first `c` in `b` at or after `from`, or -1: a plain loop, as the distances are a few
 * bytes and TypedArray#indexOf's call costs more than the search (`npm run bench -- reader`).
 */
function find(b: Uint8Array, c: number, from: number): number {
  for (let i = from, n = b.length; i < n; i++) if (b[i] === c) return i;
  return -1;
}

/** decimal() on bytes. */
function decimalBytes(b: Uint8Array, from: number, to: number): number {
  let i = from;
  let neg = false;
  if (b[i] === 45) {
    neg = true;
    i++;
  }
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; i < to; i++) {
    const c = b[i]!;
    if (c === 46 && frac < 0) {
      frac = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return NaN;
    m = m * 10 + d;
    digits++;
    if (frac >= 0) frac++;
  }
  if (!digits || digits > 15) return NaN;
  const x = frac > 0 ? m / POW10[frac]! : m;
  return neg ? -x : x;
}

/**
 * A row tag's r attribute read from its bytes: the number when it is plain digits, NaN when the
 * tag has no r (the row after the last), -2 for anything else (the text way reads it then).
 */
function rowNumberBytes(b: Uint8Array, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const eq = find(b, 61, i);
    if (eq < 0 || eq >= to) return NaN;
    let k = i;
    while (k < eq && b[k]! <= 32) k++;
    const q = eq + 1;
    const vEnd = find(b, b[q] === 39 ? 39 : 34, q + 1);
    if (vEnd < 0) return -2;
    if (eq - k === 1 && b[k] === 114) {
      if (vEnd === q + 1) return -2;
      let n = 0;
      for (let j = q + 1; j < vEnd; j++) {
        const d = b[j]! - 48;
        if (d < 0 || d > 9) return -2;
        n = n * 10 + d;
      }
      return n;
    }
    i = vEnd + 1;
  }
  return NaN;
}

/** Bytes that are all ASCII as a string, or null when any is not (then the text way decodes them). */
function ascii(b: Uint8Array, from: number, to: number): string | null {
  let s = '';
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if (c >= 0x80) return null;
    s += String.fromCharCode(c);
  }
  return s;
}

/** Where the next `<c`, `<row` or `</row` tag starts at or after `from` (the end when none does). */
function nextRowOrCell(b: Uint8Array, from: number): number {
  const n = b.length;
  for (let i = from; ;) {
    const lt = b.indexOf(60, i);
    if (lt < 0) return n;
    const c1 = b[lt + 1];
    if (c1 === 99 && isNameEnd(b[lt + 2]!)) return lt;
    if (c1 === 114 && b[lt + 2] === 111 && b[lt + 3] === 119 && isNameEnd(b[lt + 4]!)) return lt;
    if (c1 === 47 && b[lt + 2] === 114 && b[lt + 3] === 111 && b[lt + 4] === 119) return lt;
    i = lt + 1;
  }
}

/** A one-letter attribute's raw value (r, s, t) within a tag. */
function attrValue(s: string, from: number, to: number, letter: number): string | undefined {
  let i = from;
  while (i < to) {
    const eq = s.indexOf('=', i);
    if (eq < 0 || eq >= to) return undefined;
    let k = i;
    while (k < eq && s.charCodeAt(k) <= 32) k++;
    const q = eq + 1;
    const vEnd = s.indexOf(s.charCodeAt(q) === 39 ? "'" : '"', q + 1);
    if (vEnd < 0) return undefined;
    if (eq - k === 1 && s.charCodeAt(k) === letter) return s.slice(q + 1, vEnd);
    i = vEnd + 1;
  }
  return undefined;
}

function attrNamed(s: string, from: number, to: number, name: string): string | undefined {
  let i = from;
  while (i < to) {
    const eq = s.indexOf('=', i);
    if (eq < 0 || eq >= to) return undefined;
    const k = s.slice(i, eq).trim();
    const q = eq + 1;
    const vEnd = s.indexOf(s.charCodeAt(q) === 39 ? "'" : '"', q + 1);
    if (vEnd < 0) return undefined;
    if (k === name) return xmlText(s.slice(q + 1, vEnd));
    i = vEnd + 1;
  }
  return undefined;
}
