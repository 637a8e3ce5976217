/**
 * The whole effect of a fix, before anything is written: each cell with the member and its
 * values as people write them (1.0% → 1.5%, never 0.015), the formulas whose results follow
 * (the formulas themselves are never changed), and what the re-check will show — worked out by
 * checking the fixed grids first (shared/fix/plan.ts), e.g. "修正后将新增 18 条少交提示".
 */
import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarBody, Spinner,
  Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text,
} from '@fluentui/react-components';
import type { Finding } from '../../../shared/findings/finding';
import { fixLabel } from '../../../shared/findings/collect';
import type { FixPlan } from '../../../shared/fix/plan';
import type { CellValue } from '../../../shared/grid';
import { useI18n } from '../i18n/i18n';

export type PlanState = { status: 'idle' } | { status: 'busy' } | { status: 'done'; plan: FixPlan; lines: string[] } | { status: 'error'; message: string };

export interface FixPreviewDialogProps {
  /** One dialog stays mounted and opens and closes (remounting races Fluent's exit motion). */
  open: boolean;
  findings: Finding[];
  cellValue: (sheet: string, row: number, col: number) => CellValue | undefined;
  /** The worked-out plan; while it is computed (or when no planner is given) the bare list shows. */
  plan?: PlanState;
  onCancel: () => void;
  onApply: () => void;
}

/** A cell's value before the fix; one the pane does not hold is "…" while the plan (which has it) is on its way. */
function shownBefore(v: CellValue | undefined, planning: boolean): string {
  if (v === undefined) return planning ? '…' : '';
  return String(v ?? '');
}

export function FixPreviewDialog({ open, findings, cellValue, plan = { status: 'idle' }, onCancel, onApply }: FixPreviewDialogProps) {
  const { t } = useI18n();
  const done = plan.status === 'done' ? plan.plan : null;
  const n = done ? done.changes.length : findings.length;
  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface style={{ maxWidth: 340 }}>
        <DialogBody>
          <DialogTitle>{t('fixPreviewTitle')}</DialogTitle>
          <DialogContent>
            <Table size="extra-small" aria-label={t('fixPreviewTitle')}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('fixPreviewCell')}</TableHeaderCell>
                  <TableHeaderCell>{t('fixPreviewMember')}</TableHeaderCell>
                  <TableHeaderCell>{t('fixPreviewOld')}</TableHeaderCell>
                  <TableHeaderCell>{t('fixPreviewNew')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {done
                  ? done.changes.map((c) => (
                    <TableRow key={`${c.sheet}!${c.cell}`}>
                      <TableCell>{c.sheet}!{c.cell}</TableCell>
                      <TableCell>{c.member ?? '—'}</TableCell>
                      <TableCell>{c.before}</TableCell>
                      <TableCell>{c.after}</TableCell>
                    </TableRow>
                  ))
                  : findings.map((f) => (
                    <TableRow key={`${f.sheet}!${f.cell}`}>
                      <TableCell>{f.sheet}!{f.cell}</TableCell>
                      <TableCell>—</TableCell>
                      <TableCell>{shownBefore(cellValue(f.sheet, f.row, f.col), plan.status === 'busy')}</TableCell>
                      <TableCell>{fixLabel(f)}</TableCell>
                    </TableRow>
                  ))}
              </TableBody>
            </Table>
            {done && done.formulas.length > 0 && (
              <section aria-label={t('fixPreviewFormulas')}>
                <Text as="h3" size={200} weight="semibold">{t('fixPreviewFormulas')}</Text>
                <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                  {done.formulas.map((f) => (
                    <li key={`${f.sheet}!${f.cell}`}>
                      <Text size={200}>
                        {f.sheet}!{f.cell} {f.member ?? ''} ={f.formula}：{f.before} → {f.after ?? t('fixPreviewExcelRecalc')}
                      </Text>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {plan.status === 'busy' && <Spinner size="tiny" label={t('fixPreviewComputing')} />}
            {plan.status === 'error' && (
              <MessageBar intent="error"><MessageBarBody>{t('fixPreviewFailed', { reason: plan.message })}</MessageBarBody></MessageBar>
            )}
            {plan.status === 'done' && (
              <section aria-label={t('fixPreviewAfter')}>
                <Text as="h3" size={200} weight="semibold">{t('fixPreviewAfter')}</Text>
                {plan.lines.length === 0 ? <Text size={200}>{t('fixPreviewSame')}</Text> : (
                  <MessageBar intent={done!.delta.some((d) => d.added > 0) ? 'warning' : 'info'}>
                    <MessageBarBody>
                      <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                        {plan.lines.map((l) => <li key={l}>{l}</li>)}
                      </ul>
                    </MessageBarBody>
                  </MessageBar>
                )}
              </section>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onCancel}>{t('cancel')}</Button>
            <Button appearance="primary" disabled={plan.status === 'busy' || n === 0} onClick={onApply}>{t('applyFixes', { n })}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
