/**
 * Member lines of two revisions of one branch-quarter, compared by keyed ID hash (never the raw
 * number): who came in, who left, whose 应交 or 实交 moved. Reads two revisions' member rows once.
 */
import type { RevisionChanges } from '../../../shared/api/revision-changes';

export interface LineForDiff { id_hmac: string; id_masked: string; name: string; due_fen: number; paid_fen: number }

/** Pure: the difference between two revisions' member lines, in the newer revision's order. */
export function diffLines(before: LineForDiff[] | null, after: LineForDiff[]): Pick<RevisionChanges, 'added' | 'removed' | 'changed'> {
  const old = new Map((before ?? []).map((l) => [l.id_hmac, l]));
  const now = new Set(after.map((l) => l.id_hmac));
  const person = (l: LineForDiff) => ({ name: l.name, idMasked: l.id_masked });
  const added = after.filter((l) => !old.has(l.id_hmac)).map(person);
  const removed = (before ?? []).filter((l) => !now.has(l.id_hmac)).map(person);
  const changed = after.flatMap((l) => {
    const o = old.get(l.id_hmac);
    if (!o || (o.due_fen === l.due_fen && o.paid_fen === l.paid_fen)) return [];
    return [{ ...person(l), dueFen: [o.due_fen, l.due_fen] as [number, number], paidFen: [o.paid_fen, l.paid_fen] as [number, number] }];
  });
  return { added, removed, changed };
}

interface RevRow { id: string; revision: number; received_at: string; members: number; due_fen: number; paid_fen: number; org_name: string | null; label: string | null }

/** The changes of `revision` against the one before it; null when the revision does not exist. */
export async function readRevisionChanges(db: D1Database, orgId: number, quarter: string, revision: number): Promise<RevisionChanges | null> {
  const revs = await db.prepare(
    `SELECT s.id, s.revision, s.received_at, s.members, s.due_fen, s.paid_fen, o.name AS org_name, t.label
       FROM submissions s LEFT JOIN tokens t ON t.id = s.token_id LEFT JOIN orgs o ON o.id = t.org_id
      WHERE s.org_id = ? AND s.quarter = ? AND s.revision IN (?, ?)`,
  ).bind(orgId, quarter, revision, revision - 1).all<RevRow>();
  const cur = revs.results.find((r) => r.revision === revision);
  if (!cur) return null;
  const prev = revs.results.find((r) => r.revision === revision - 1) ?? null;
  const lines = await db.prepare(
    `SELECT submission_id, id_hmac, id_masked, name, due_fen, paid_fen FROM submission_members WHERE submission_id IN (?, ?) ORDER BY idx`,
  ).bind(cur.id, prev?.id ?? cur.id).all<LineForDiff & { submission_id: string }>();
  const after = lines.results.filter((l) => l.submission_id === cur.id);
  const before = prev ? lines.results.filter((l) => l.submission_id === prev.id) : null;
  const amounts = (r: RevRow) => ({ members: r.members, dueFen: r.due_fen, paidFen: r.paid_fen });
  return {
    revision, previous: prev ? prev.revision : null, receivedAt: cur.received_at,
    submittedBy: { org: cur.org_name ?? '', label: cur.label ?? '' },
    ...diffLines(before, after),
    totals: { before: prev ? amounts(prev) : null, after: amounts(cur) },
  };
}
