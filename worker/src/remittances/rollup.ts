/**
 * What the roll-up adds about money that goes up: 大额党费 on every node (figures.largeFen, apart
 * from paidFen) and, for a year at the 党委, 应上缴 per level and 留存 (RollupNode.remittance) —
 * the same figures GET /api/remittances/{year} computes.
 */
import type { RollupNode } from '../../../shared/api/contract';
import type { OrgRow } from '../env';
import { largeByBranch, markLarge } from '../large/read';
import { sharesOfYear } from './store';

export async function markMoneyGoingUp(db: D1Database, root: OrgRow, period: string, quarters: string[], orgs: readonly OrgRow[], tree: RollupNode): Promise<void> {
  const idByCode = new Map(orgs.map((o) => [o.code, o.id]));
  markLarge(tree, (code) => idByCode.get(code), await largeByBranch(db, root, quarters));
  if (/^\d{4}$/.test(period) && root.kind === '党委' && root.id === root.root_id) {
    tree.remittance = { ...(await sharesOfYear(db, root, period)), largeFen: tree.figures.largeFen ?? 0 };
  }
}
