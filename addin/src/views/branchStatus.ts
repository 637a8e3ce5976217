/**
 * What a branch's status reads in the roll-up: the latest revision's status, which revision
 * counts after a return, and for a year how many quarters are in — the same wording as the
 * consolidated workbook's 报送状态, so the pane and the file never disagree.
 */
import type { RollupNode } from '../../../shared/api/contract';
import type { MessageKey } from '../i18n/dictionary';

export type StatusColour = 'brand' | 'success' | 'warning' | 'danger';

export function branchStatus(n: RollupNode, t: (k: MessageKey, vars?: Record<string, string | number>) => string): { text: string; colour: StatusColour } {
  if (n.quartersSubmitted !== undefined) {
    const q = n.quartersSubmitted;
    if (q >= 4) return { text: t('yearComplete'), colour: 'success' };
    if (q > 0) return { text: t('yearPartial', { n: q }), colour: 'warning' };
    return { text: t('status_missing'), colour: 'danger' };
  }
  if (n.status === 'returned' && n.countedRevision) {
    return { text: t('status_countedFallback', { counted: n.countedRevision, revision: n.revision ?? '?' }), colour: 'warning' };
  }
  const key = n.status ?? 'missing';
  const colour = ({ submitted: 'brand', confirmed: 'success', returned: 'warning', missing: 'danger' } as const)[key];
  return { text: t(`status_${key}`), colour };
}
