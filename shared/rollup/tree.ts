/**
 * Builds a RollupNode tree from the organisation tree and each branch's period state, summing
 * upwards. O(orgs): the caller supplies precomputed branch figures, never member rows.
 */
import type { OrgKind, RollupNode } from '../api/contract';
import { branchNodeFigures, sumFigures, type BranchPeriod } from './figures';

export interface OrgRef {
  code: string;
  name: string;
  kind: OrgKind;
  children: OrgRef[];
}

export interface BranchState extends BranchPeriod {
  status: RollupNode['status'];
  revision: number | null;
  /** Quarter: the revision the figures come from. */
  countedRevision?: number | null;
  /** Year: quarters with a counted revision (0–4). */
  quartersSubmitted?: number;
}

export function buildRollupTree(
  org: OrgRef,
  period: string,
  branchState: (code: string) => BranchState | undefined,
  isLocked: (code: string) => boolean,
): RollupNode {
  if (org.kind === '党支部') {
    const s = branchState(org.code) ?? { figures: null, submitted: false, confirmed: false, status: null, revision: null };
    return {
      org: { code: org.code, name: org.name, kind: org.kind },
      period,
      figures: branchNodeFigures(s),
      status: s.status,
      revision: s.revision,
      ...(s.countedRevision !== undefined ? { countedRevision: s.countedRevision } : {}),
      ...(s.quartersSubmitted !== undefined ? { quartersSubmitted: s.quartersSubmitted } : {}),
      locked: isLocked(org.code),
      children: [],
    };
  }
  const children = org.children.map((c) => buildRollupTree(c, period, branchState, isLocked));
  return {
    org: { code: org.code, name: org.name, kind: org.kind },
    period,
    figures: sumFigures(children.map((c) => c.figures)),
    status: null,
    revision: null,
    locked: isLocked(org.code),
    children,
  };
}
