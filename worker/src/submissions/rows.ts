/**
 * Turning a verified Submission into stored rows: each member keyed by HMAC-SHA256 of the ID
 * (the raw ID is never stored), a masked ID for people, and the branch-quarter figures.
 */
import type { Submission } from '../../../shared/api/contract';
import { idInTextPattern, normaliseIdText } from '../../../shared/api/contract';
import { maskId } from '../../../shared/idcard';
import { branchFigures, memberArrearsFen, type BranchFigures } from '../../../shared/rollup/figures';
import { hmacHex } from '../crypto';

/** One member line as it is stored in `submission_members` (the raw ID never is: its keyed hash). */
export interface StoredMember {
  idHmac: string;
  idMasked: string;
  name: string;
  memberClass: string;
  standing: string;
  category: string;
  joinDate: string;
  baseFen: number | null;
  /** JSON array of the quarter's months (month, baseFen, dueFen, paidFen, largeFen). */
  months: string;
  dueFen: number;
  paidFen: number;
  largeFen: number;
  arrearsFen: number;
  unpaidStreak: number;
  transferNote: string | null;
}

/**
 * The order members travel in to INSERT_MEMBERS_SQL: each member as a JSON array, field i at
 * `$[i]` (arrays keep the bound JSON small; the names stay here, beside the SQL).
 */
export const MEMBER_FIELDS = [
  'idHmac', 'idMasked', 'name', 'memberClass', 'standing', 'category', 'joinDate', 'baseFen', 'months',
  'dueFen', 'paidFen', 'largeFen', 'arrearsFen', 'unpaidStreak', 'transferNote',
] as const satisfies readonly (keyof StoredMember)[];

/** A chunk of members as the JSON INSERT_MEMBERS_SQL reads. */
export function membersJson(members: readonly StoredMember[]): string {
  return JSON.stringify(members.map((m) => MEMBER_FIELDS.map((f) => m[f])));
}

/** One statement inserts a chunk of members from a JSON array (2 bound parameters, any size). */
export const INSERT_MEMBERS_SQL = `INSERT INTO submission_members
  (submission_id, idx, id_hmac, id_masked, name, member_class, standing, category, join_date, base_fen, months,
   due_fen, paid_fen, large_fen, arrears_fen, unpaid_streak, transfer_note)
  SELECT ?1, ?2 + j.key, j.value ->> '$[0]', j.value ->> '$[1]', j.value ->> '$[2]', j.value ->> '$[3]', j.value ->> '$[4]',
         j.value ->> '$[5]', j.value ->> '$[6]', j.value ->> '$[7]', j.value ->> '$[8]', j.value ->> '$[9]', j.value ->> '$[10]',
         j.value ->> '$[11]', j.value ->> '$[12]', j.value ->> '$[13]', j.value ->> '$[14]'
    FROM json_each(?3) AS j`;

/** Members per INSERT: keeps each bound JSON parameter well under D1's 2 MB value limit. */
export const MEMBER_CHUNK = 1000;

export async function storedMembers(secret: string, s: Submission): Promise<StoredMember[]> {
  const hmacs = await Promise.all(s.members.map((m) => hmacHex(secret, m.idNumber)));
  return s.members.map((m, i) => {
    let due = 0;
    let paid = 0;
    let large = 0;
    for (const mo of m.months) {
      due += mo.dueFen;
      paid += mo.paidFen;
      large += mo.largeFen;
    }
    const base = m.months.reduce<number | null>((b, mo) => mo.baseFen ?? b, null);
    const months = JSON.stringify(m.months.map((mo) => ({ month: mo.month, baseFen: mo.baseFen, dueFen: mo.dueFen, paidFen: mo.paidFen, largeFen: mo.largeFen })));
    return {
      idHmac: hmacs[i] as string, idMasked: maskId(m.idNumber), name: m.name, memberClass: m.memberClass, standing: m.standing,
      category: m.category, joinDate: m.joinDate, baseFen: base, months, dueFen: due, paidFen: paid, largeFen: large,
      arrearsFen: memberArrearsFen(m.months), unpaidStreak: m.unpaidStreak, transferNote: m.transferNote ?? null,
    };
  });
}

/**
 * Free text that travels with a submission (warnings — sheet, cell and message —, notes, transfer notes) may quote an ID
 * number; only its masked form is stored, like every other ID on the server.
 */
export function scrubIds(text: string): string {
  // As written: separators and full-width digits too (normalised before masking), then any other
  // long run of digits (a truncated or mistyped ID, 15 or more digits) keeps only its last four.
  if (!/[0-9\uFF10-\uFF19]/.test(text)) return text;
  return text
    .replace(idInTextPattern(), (id) => maskId(normaliseIdText(id)))
    .replace(LONG_DIGIT_RUN, (run) => {
      const digits = normaliseIdText(run);
      return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
    });
}
const LONG_DIGIT_RUN = /[0-9\uFF10-\uFF19](?:[ \t\u00A0\u3000\-\u2010-\u2015\u2212\uFF0D._/\uFF0E\uFF0F\u00B7\u30FB]{0,3}[0-9\uFF10-\uFF19Xx\uFF38\uFF58]){14,}/g;

/** Text an ID-number scrub leaves unchanged for storage (org names, labels, notes), or null. */
export function scrubOptional(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : scrubIds(text);
}

/** The submission with every free-text field scrubbed of ID numbers. */
export function scrubbed(s: Submission): Submission {
  return {
    ...s,
    note: s.note === undefined ? undefined : scrubIds(s.note),
    // sheet and cell are short, but a sheet named after a person or a cell label can still hold an ID.
    findings: s.findings.map((f) => ({ ...f, sheet: scrubIds(f.sheet), cell: scrubIds(f.cell), message: scrubIds(f.message) })),
    members: s.members.map((m) => ({ ...m, name: scrubIds(m.name), ...(m.transferNote === undefined ? {} : { transferNote: scrubIds(m.transferNote) }) })),
  };
}

/** A member's key in a branch-quarter's list of members in arrears: 64 bits of the keyed ID hash. */
export function arrearsKey(idHmac: string): string {
  return idHmac.slice(0, 16);
}

export function submissionFigures(s: Submission): BranchFigures {
  return branchFigures(s.members);
}
