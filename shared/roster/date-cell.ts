/**
 * Date cells of the roster, read fast: almost all are whole Excel serials under a date format,
 * so those skip the general parser (text forms still go through shared/dates.ts).
 */
import type { CellValue } from '../grid';
import { isDateFormat, parseDateCell, type DateParse } from '../dates';

const formatIsDate = new Map<string, boolean>();

function dateFormat(f: string | undefined): boolean {
  if (f === undefined) return false;
  let hit = formatIsDate.get(f);
  if (hit === undefined) {
    hit = isDateFormat(f);
    formatIsDate.set(f, hit);
  }
  return hit;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** Whole serial (≥ 61, i.e. after Excel's phantom 1900-02-29) → ISO, by civil-from-days arithmetic. */
function serialToIso(serial: number): string {
  // Days since 1970-01-01, then Howard Hinnant's civil_from_days.
  const z = serial - 25569 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** parseDateCell, with the common case (a whole serial under a date format) done inline. */
export function readDateCell(v: CellValue, format: string | undefined): DateParse {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 61 && v <= 2_958_465 && dateFormat(format)) {
    return { ok: true, date: serialToIso(v), precision: 'day' };
  }
  return parseDateCell(v, format);
}

const num = (s: string, from: number, len: number) => {
  let n = 0;
  for (let i = from; i < from + len; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
};

/** The same day n years later ('YYYY-MM-DD'); 29 Feb becomes 28 Feb in a common year. */
export function plusYears(iso: string, n: number): string {
  const y = num(iso, 0, 4) + n;
  const md = iso.slice(4);
  if (md === '-02-29' && !((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)) return `${y}-02-28`;
  return `${y}${md}`;
}

/** Full years of age on a day. */
export function yearsOld(birth: string, on: string): number {
  const before = on.slice(5) < birth.slice(5);
  return num(on, 0, 4) - num(birth, 0, 4) - (before ? 1 : 0);
}
