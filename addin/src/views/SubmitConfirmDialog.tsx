/**
 * The one confirmation before 报送 (issue 12): exactly the body that will be sent — members,
 * 应交, 实交, 欠交 (the roll-up's arithmetic, shared/rollup) and the warnings that travel with it —
 * and, when the workbook names another branch, a box the clerk must tick first.
 */
import { useState } from 'react';
import {
  Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarBody,
  Table, TableBody, TableCell, TableRow, Text,
} from '@fluentui/react-components';
import type { Submission } from '../../../shared/api/contract';
import { formatYuan as yuan } from '../../../shared/money';
import { periodLabel } from '../../../shared/quarter';
import { branchFigures } from '../../../shared/rollup/figures';
import { cw } from '../i18n/clerkWords';
import { useI18n } from '../i18n/i18n';
import { submissionAfterRecords, type YearRecords } from '../../../shared/approvals/apply';

/** 欠交 of a submission, as the roll-up counts it: each member's quarter, never below zero (shared/rollup). */
export function submissionArrearsFen(s: Pick<Submission, 'members'>): number {
  return branchFigures(s.members).arrearsFen;
}

const SHOWN_WARNINGS = 50;

export interface SubmitConfirmDialogProps {
  open: boolean;
  body: Submission | null;
  branchName: string;
  /** The workbook names another branch: the clerk must confirm before sending. */
  mismatch: { workbook: string; where: string } | null;
  onConfirm: () => void;
  onCancel: () => void;
  /** The branch's approvals and transfers: 欠交 as the roll-up will show it, as in the preview. */
  records?: YearRecords;
}

export function SubmitConfirmDialog({ open, body, branchName, mismatch, onConfirm, onCancel, records }: SubmitConfirmDialogProps) {
  const { t, lang } = useI18n();
  const [sure, setSure] = useState(false);
  const warnings = body?.findings ?? [];
  const close = () => {
    setSure(false);
    onCancel();
  };
  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_, d) => !d.open && close()}>
      <DialogSurface style={{ maxWidth: 340 }}>
        <DialogBody>
          <DialogTitle>{cw(lang, 'confirmTitle', { quarter: body ? periodLabel(body.quarter, lang) : '' })}</DialogTitle>
          <DialogContent>
            {body && (
              <>
                <Text block>{cw(lang, 'confirmLead', { branch: branchName })}</Text>
                <Table size="small" aria-label={cw(lang, 'confirmTitle', { quarter: periodLabel(body.quarter, lang) })}>
                  <TableBody>
                    <TableRow><TableCell>{t('members')}</TableCell><TableCell>{body.totals.members}</TableCell></TableRow>
                    <TableRow><TableCell>{t('due')}</TableCell><TableCell>¥{yuan(body.totals.dueFen)}</TableCell></TableRow>
                    <TableRow><TableCell>{t('paid')}</TableCell><TableCell>¥{yuan(body.totals.paidFen)}</TableCell></TableRow>
                    <TableRow><TableCell>{t('arrears')}</TableCell><TableCell>¥{yuan(records ? submissionAfterRecords(body, records).arrearsFen : submissionArrearsFen(body))}</TableCell></TableRow>
                  </TableBody>
                </Table>
                {mismatch && (
                  <MessageBar intent="warning">
                    <MessageBarBody>{cw(lang, 'branchMismatch', { workbook: mismatch.workbook, where: mismatch.where, signedIn: branchName })}</MessageBarBody>
                  </MessageBar>
                )}
                {mismatch && (
                  <Checkbox checked={sure} onChange={(_, d) => setSure(d.checked === true)} label={cw(lang, 'branchConfirm')} />
                )}
                {warnings.length ? (
                  <section aria-label={cw(lang, 'confirmWarnings', { n: warnings.length })}>
                    <Text weight="semibold" block>{cw(lang, 'confirmWarnings', { n: warnings.length })}</Text>
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {warnings.slice(0, SHOWN_WARNINGS).map((f, i) => (
                        <li key={i}><Text size={200}>{f.sheet}!{f.cell} {f.message}</Text></li>
                      ))}
                    </ul>
                    {warnings.length > SHOWN_WARNINGS && <Text size={200}>{cw(lang, 'confirmMore', { n: warnings.length - SHOWN_WARNINGS })}</Text>}
                  </section>
                ) : (
                  <Text size={200} block>{cw(lang, 'confirmNoWarnings')}</Text>
                )}
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={close}>{cw(lang, 'confirmCancel')}</Button>
            <Button
              appearance="primary"
              disabled={!body || (mismatch !== null && !sure)}
              onClick={() => {
                setSure(false);
                onConfirm();
              }}
            >
              {cw(lang, 'confirmSend')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
