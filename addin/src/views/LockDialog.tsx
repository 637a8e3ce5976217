/**
 * Locking knowingly: before a quarter is locked for an organisation, the dialog lists, by name,
 * what the lock freezes — branches confirmed, submitted but not confirmed, returned, and missing —
 * so nobody locks a 党委 without seeing that three branches have not submitted. The same dialog
 * confirms an unlock.
 */
import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Text,
} from '@fluentui/react-components';
import type { RollupNode } from '../../../shared/api/contract';
import { useI18n } from '../i18n/i18n';

export interface LockGroups {
  confirmed: string[];
  submitted: string[];
  returned: string[];
  missing: string[];
}

/** The branches under a node, grouped by what their quarter stands at. */
export function lockGroups(node: RollupNode): LockGroups {
  const g: LockGroups = { confirmed: [], submitted: [], returned: [], missing: [] };
  const walk = (n: RollupNode) => {
    if (n.org.kind === '党支部') {
      const key = n.status === 'confirmed' ? 'confirmed' : n.status === 'submitted' ? 'submitted' : n.status === 'returned' ? 'returned' : 'missing';
      g[key].push(n.org.name);
    }
    n.children.forEach(walk);
  };
  walk(node);
  return g;
}

export interface LockDialogProps {
  node: RollupNode;
  periodText: string;
  mode: 'lock' | 'unlock';
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}

export function LockDialog({ node, periodText, mode, busy, onCancel, onConfirm }: LockDialogProps) {
  const { t } = useI18n();
  const g = lockGroups(node);
  const rows: [keyof LockGroups, string][] = [
    ['confirmed', t('lockConfirmed')], ['submitted', t('lockSubmitted')], ['returned', t('lockReturned')], ['missing', t('lockMissing')],
  ];
  return (
    <Dialog open modalType="alert" onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface style={{ maxWidth: 340 }}>
        <DialogBody>
          <DialogTitle>{t(mode === 'lock' ? 'lockTitle' : 'unlockTitle', { org: node.org.name, period: periodText })}</DialogTitle>
          <DialogContent>
            <Text block>{t(mode === 'lock' ? 'lockExplain' : 'unlockExplain')}</Text>
            {rows.map(([k, label]) => (
              <Text block key={k} aria-label={label}>
                {label}（{g[k].length}）：{g[k].length ? g[k].join('、') : '—'}
              </Text>
            ))}
            {mode === 'lock' && (g.missing.length > 0 || g.returned.length > 0) && (
              <Text block weight="semibold">{t('lockWarnIncomplete', { missing: g.missing.length, returned: g.returned.length })}</Text>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={onCancel}>{t('cancel')}</Button>
            <Button appearance="primary" disabled={busy} onClick={onConfirm}>{t(mode === 'lock' ? 'lockConfirm' : 'unlockConfirm')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
