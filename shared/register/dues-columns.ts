/**
 * Where the months of members on one row of a wide register are kept: one table's due, paid
 * and base in typed-array columns (member k's month i at k·n + i), each member holding a small
 * view (ColumnDues) instead of a dues object and three arrays of its own. Those were ≈ 490 B
 * of the 1.2 KB a 10k check allocated per member; with the columns it takes 0.84–0.92 of the
 * time (paired in one process; issue 14).
 */
import type { MemberDues } from '../roster/member';
import { keepAlive } from '../keep-alive';

/** The months of one table's members (its TableMonths' labels), as many as it has member rows. */
export class DuesColumns {
  readonly n: number;
  readonly due: Float64Array;
  readonly paid: Float64Array;
  /** One base per member (its row's 缴费基数), NaN for none. */
  readonly base: Float64Array;
  private next = 0;

  constructor(readonly months: readonly string[], readonly capacity: number) {
    this.n = months.length;
    this.due = new Float64Array(capacity * this.n);
    this.paid = new Float64Array(capacity * this.n);
    this.base = new Float64Array(capacity);
  }

  /** Whether another member fits. */
  get full(): boolean {
    return this.next >= this.capacity;
  }

  /**
   * A member's months, copied in: `due` as judged (NaN, unknown, kept as 0), `paid` with its
   * 大额党费 part (`large`, null when none) taken out. The caller checks `full` first.
   */
  keep(due: ArrayLike<number>, paid: ArrayLike<number>, baseFen: number | null, large: readonly number[] | null): ColumnDues {
    const k = this.next++;
    const n = this.n;
    const at = k * n;
    const dueCol = this.due;
    const paidCol = this.paid;
    for (let i = 0; i < n; i++) {
      const d = due[i]!;
      dueCol[at + i] = d === d ? d : 0;
      paidCol[at + i] = large === null ? paid[i]! : paid[i]! - large[i]!;
    }
    this.base[k] = baseFen === null ? NaN : baseFen;
    return new ColumnDues(this, k, large);
  }
}

const ZEROS: (readonly number[])[] = [];
/** n zeros, shared and frozen: the largeFen of every member without 大额党费. */
export function zerosFen(n: number): readonly number[] {
  return (ZEROS[n] ??= Object.freeze(new Array<number>(n).fill(0)));
}

/**
 * One member's months in a DuesColumns. The arrays of MemberDues are made when asked for (a
 * view on the columns; baseFen a fresh array): a reader takes each once, not per month.
 */
export class ColumnDues implements MemberDues {
  readonly months: readonly string[];

  constructor(private readonly columns: DuesColumns, private readonly k: number, private readonly large: readonly number[] | null) {
    this.months = columns.months;
  }

  get dueFen(): Float64Array {
    const n = this.columns.n;
    return this.columns.due.subarray(this.k * n, this.k * n + n);
  }

  get paidFen(): Float64Array {
    const n = this.columns.n;
    return this.columns.paid.subarray(this.k * n, this.k * n + n);
  }

  get largeFen(): readonly number[] {
    return this.large ?? zerosFen(this.columns.n);
  }

  get baseFen(): (number | null)[] {
    const b = this.columns.base[this.k]!;
    return new Array<number | null>(this.columns.n).fill(b === b ? b : null);
  }

  /** As the plain MemberDues it stands for (JSON.stringify would otherwise show the columns). */
  toJSON(): { months: readonly string[]; baseFen: (number | null)[]; dueFen: number[]; paidFen: number[]; largeFen: readonly number[] } {
    return { months: this.months, baseFen: this.baseFen, dueFen: [...this.dueFen], paidFen: [...this.paidFen], largeFen: this.largeFen };
  }
}
// A specimen of each, for their hidden classes: a full GC that freed every one would take the
// optimised code using them along (shared/keep-alive.ts).
const SPECIMEN = keepAlive(new DuesColumns([], 1));
keepAlive(SPECIMEN.keep([], [], null, null));
