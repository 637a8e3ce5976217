/**
 * The precomputed roll-up row of one branch-quarter (`branch_quarters`): written by a submission
 * (submissions/store.ts) and by a review (submissions/review.ts), read by the roll-up
 * (rollups/read.ts) and the receipts. One row per branch and quarter, so a roll-up never reads
 * member rows.
 */
import type { z } from '@hono/zod-openapi';
import type { SubmissionStatusSchema } from '../../../shared/api/contract';
import type { BranchFigures } from '../../../shared/rollup/figures';

export interface BranchQuarterRow {
  org_id: number;
  quarter: string;
  /** The latest revision: what If-Match and reviews refer to. */
  submission_id: string;
  revision: number;
  etag: string;
  status: z.infer<typeof SubmissionStatusSchema>;
  /** The revision the roll-up counts (latest submitted or confirmed); null when none stands. The figures are its. */
  counted_submission_id: string | null;
  counted_status: 'submitted' | 'confirmed' | null;
  /** JSON array of arrearsKey()s of the counted revision's members in arrears (for year head counts). */
  arrears_keys: string | null;
  formal: number;
  probationary: number;
  by_category: string;
  due_fen: number;
  paid_fen: number;
  arrears_fen: number;
  in_arrears: number;
  six_month: number;
  updated_at: string;
}

/** The counted revision's figures as the row holds them. */
export function figuresOf(row: BranchQuarterRow): BranchFigures {
  return {
    formal: row.formal, probationary: row.probationary, byCategory: JSON.parse(row.by_category) as Record<string, number>,
    dueFen: row.due_fen, paidFen: row.paid_fen, arrearsFen: row.arrears_fen, inArrears: row.in_arrears, sixMonth: row.six_month,
  };
}
