/** Pick a quarter, see what will be submitted, submit; then the revision or the reason, in plain words. */
import { useMemo, useState } from 'react';
import {
  Button, Field, MessageBar, MessageBarActions, MessageBarBody, Select, Spinner, Table, TableBody, TableCell, TableRow, Text, makeStyles, tokens,
} from '@fluentui/react-components';
import type { Submission, SubmissionReceipt } from '../../../shared/api/contract';
import type { OutboxItem } from '../api/outbox';
import { useI18n } from '../i18n/i18n';
import { cw } from '../i18n/clerkWords';
import { formatYuan as yuan } from '../../../shared/money';
import { periodLabel } from '../../../shared/quarter';
import type { ReturnNote } from '../state/useReturnNote';
import { SubmitConfirmDialog, submissionArrearsFen } from './SubmitConfirmDialog';
import { submissionAfterRecords, type YearRecords } from '../../../shared/approvals/apply';
import { ReceiptCard, ReturnedNotice } from './SubmitStatus';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

export type SubmitOutcome =
  | { kind: 'accepted'; revision: number; status: string; receipt?: SubmissionReceipt }
  | { kind: 'not-open'; opensOn: string | null }
  | { kind: 'stale' }
  | { kind: 'precondition-required' }
  | { kind: 'locked' }
  | { kind: 'queued'; waiting: number }
  | { kind: 'refused'; message: string }
  | { kind: 'unauthorized' };

export interface SubmitPreview {
  submission: Submission | null;
  errors: number;
}

export interface SubmitViewProps {
  signedIn: boolean;
  quarters: string[];
  quarter: string;
  onQuarter: (q: string) => void;
  preview: SubmitPreview | null;
  /** The workbook has been checked (the preview may still be on its way). */
  checked: boolean;
  busy: boolean;
  outcome: SubmitOutcome | null;
  outboxWaiting: number;
  onSubmit: () => void;
  onReloadRetry: () => void;
  onRetryOutbox: () => void;
  /** A quarter due soon (or overdue) that the server has nothing for yet. */
  dueBanner?: { quarter: string; text: string; overdue: boolean } | null;
  /** Everything in this device's outbox (no member lists): what is waiting, refused or discarded. */
  outboxItems?: OutboxItem[];
  onDismissOutbox?: (key: string) => void;
  /** The chosen quarter is still running and not open yet: the day it opens (runningQuarterFromDay). */
  opensOn?: string | null;
  /** The quarter still running, labelled so in the picker. */
  runningQuarter?: string;
  /** The signed-in branch's name, and the workbook's own when it names another branch. */
  branchName?: string;
  mismatch?: { workbook: string; where: string } | null;
  /** The body built and waiting for confirmation; onConfirm sends exactly it. */
  pending?: Submission | null;
  onConfirm?: () => void;
  onCancel?: () => void;
  /** The quarter's latest revision was returned: finance's note, by whom and when. */
  returned?: ReturnNote | null;
  /** The branch's approvals and transfers (signed in): 欠交 then shows what the roll-up will. */
  records?: YearRecords;
}

/** 欠交 as the roll-up counts it (shared/rollup): the preview and the roll-up cannot disagree. */
export function arrearsFen(s: Submission): number {
  return submissionArrearsFen(s);
}

export function SubmitView(p: SubmitViewProps) {
  const { t, lang } = useI18n();
  const s = useStyles();
  const sub = p.preview?.submission ?? null;
  // With the branch's records, 欠交 is what the roll-up will show (the server applies the same records).
  const after = useMemo(() => (sub && p.records ? submissionAfterRecords(sub, p.records) : null), [sub, p.records]);
  const arrears = useMemo(() => (after ? after.arrearsFen : sub ? arrearsFen(sub) : 0), [sub, after]);
  const [showWarnings, setShowWarnings] = useState(false);
  if (!p.signedIn) return <Text>{t('signInFirst')}</Text>;
  return (
    <div className={s.root}>
      {p.dueBanner && (
        <MessageBar intent={p.dueBanner.overdue ? 'error' : 'warning'}>
          <MessageBarBody>
            {t(p.dueBanner.overdue ? 'dueOverdue' : 'dueSoon', { quarter: periodLabel(p.dueBanner.quarter, lang), date: p.dueBanner.text })}
          </MessageBarBody>
        </MessageBar>
      )}
      <Field label={t('quarter')}>
        <Select value={p.quarter} onChange={(_, d) => p.onQuarter(d.value)}>
          {p.quarters.map((q) => (
            <option key={q} value={q}>{q === p.runningQuarter ? cw(lang, 'runningOption', { quarter: periodLabel(q, lang) }) : periodLabel(q, lang)}</option>
          ))}
        </Select>
      </Field>
      {p.returned && <ReturnedNotice note={p.returned} />}
      {p.opensOn && (
        <MessageBar intent="warning">
          <MessageBarBody>{cw(lang, 'notOpenYet', { quarter: periodLabel(p.quarter, lang), date: p.opensOn })}</MessageBarBody>
        </MessageBar>
      )}
      {p.mismatch && (
        <MessageBar intent="warning">
          <MessageBarBody>{cw(lang, 'branchMismatch', { workbook: p.mismatch.workbook, where: p.mismatch.where, signedIn: p.branchName ?? '' })}</MessageBarBody>
        </MessageBar>
      )}
      {!p.checked && <Text>{t('notChecked2')}</Text>}
      {p.preview && p.preview.errors > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>{t('errorsBlock', { n: p.preview.errors })}</MessageBarBody>
        </MessageBar>
      )}
      {sub && (
        <>
          <Text weight="semibold">{t('submitSummary')}</Text>
          <Table size="small" aria-label={t('submitSummary')}>
            <TableBody>
              <TableRow><TableCell>{t('members')}</TableCell><TableCell>{sub.totals.members}</TableCell></TableRow>
              <TableRow><TableCell>{t('due')}</TableCell><TableCell>¥{yuan(sub.totals.dueFen)}</TableCell></TableRow>
              <TableRow><TableCell>{t('paid')}</TableCell><TableCell>¥{yuan(sub.totals.paidFen)}</TableCell></TableRow>
              <TableRow><TableCell>{t('arrears')}</TableCell><TableCell data-testid="preview-arrears">¥{yuan(arrears)}</TableCell></TableRow>
              {after && after.approvedFen > 0 && (
                <TableRow>
                  <TableCell>{t('approvedOff')}</TableCell>
                  <TableCell data-testid="preview-approved">¥{yuan(after.approvedFen)}{t('arrearsBeforeApprovals', { amount: yuan(after.rawArrearsFen) })}</TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
          <Button appearance="transparent" onClick={() => setShowWarnings(!showWarnings)} aria-expanded={showWarnings}>
            {t('warningsTravel', { n: sub.findings.length })}
          </Button>
          {showWarnings && (
            <ul>
              {sub.findings.slice(0, 200).map((f, i) => (
                <li key={i}><Text size={200}>{f.sheet}!{f.cell} {f.message}</Text></li>
              ))}
            </ul>
          )}
        </>
      )}
      <Button appearance="primary" disabled={p.busy || !p.preview || p.preview.errors > 0 || !!p.opensOn} onClick={p.onSubmit}>
        {p.busy ? <Spinner size="tiny" label={t('submitting')} /> : t('submit')}
      </Button>
      {p.outcome && <Outcome outcome={p.outcome} onReloadRetry={p.onReloadRetry} quarter={p.quarter} />}
      <SubmitConfirmDialog
        open={!!p.pending}
        body={p.pending ?? null}
        {...(p.records ? { records: p.records } : {})}
        branchName={p.branchName ?? ''}
        mismatch={p.mismatch ?? null}
        onConfirm={() => p.onConfirm?.()}
        onCancel={() => p.onCancel?.()}
      />
      {p.outboxWaiting > 0 && p.outcome?.kind !== 'queued' && (
        <MessageBar intent="warning">
          <MessageBarBody>{t('outboxPending', { n: p.outboxWaiting })}</MessageBarBody>
          <MessageBarActions>
            <Button onClick={p.onRetryOutbox}>{t('retryNow')}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {(p.outboxItems ?? []).map((i) => (
        <MessageBar key={i.key} intent={i.state === 'waiting' ? 'info' : 'warning'}>
          <MessageBarBody>
            {t(i.state === 'refused' ? 'outboxRefusedItem' : i.state === 'discarded' ? 'outboxDiscardedItem' : i.mine ? 'outboxWaitingItem' : 'outboxOtherItem',
              { quarter: i.quarter, branch: i.branch, reason: i.reason ?? '' })}
          </MessageBarBody>
          {i.state !== 'waiting' && p.onDismissOutbox && (
            <MessageBarActions>
              <Button onClick={() => p.onDismissOutbox?.(i.key)}>{t('outboxDismiss')}</Button>
            </MessageBarActions>
          )}
        </MessageBar>
      ))}
    </div>
  );
}

function Outcome({ outcome, onReloadRetry, quarter }: { outcome: SubmitOutcome; onReloadRetry: () => void; quarter: string }) {
  const { t, lang } = useI18n();
  switch (outcome.kind) {
    case 'not-open':
      return (
        <MessageBar intent="error">
          <MessageBarBody>{cw(lang, 'notOpenYet', { quarter: periodLabel(quarter, lang), date: outcome.opensOn ?? '' })}</MessageBarBody>
        </MessageBar>
      );
    case 'accepted':
      if (outcome.receipt) return <ReceiptCard receipt={outcome.receipt} />;
      return (
        <MessageBar intent="success">
          <MessageBarBody>{t('accepted', { revision: outcome.revision, status: t(`status_${outcome.status as 'submitted'}`) })}</MessageBarBody>
        </MessageBar>
      );
    case 'stale':
    case 'precondition-required':
      return (
        <MessageBar intent="warning">
          <MessageBarBody>{t(outcome.kind === 'stale' ? 'staleRevision' : 'preconditionRequired')}</MessageBarBody>
          <MessageBarActions>
            <Button onClick={onReloadRetry}>{t('reloadRetry')}</Button>
          </MessageBarActions>
        </MessageBar>
      );
    case 'locked':
      return (
        <MessageBar intent="error">
          <MessageBarBody>{t('lockedQuarter')}</MessageBarBody>
        </MessageBar>
      );
    case 'queued':
      return (
        <MessageBar intent="warning">
          <MessageBarBody>{t('queuedOffline', { n: outcome.waiting })}</MessageBarBody>
        </MessageBar>
      );
    case 'unauthorized':
      return (
        <MessageBar intent="error">
          <MessageBarBody>{t('badToken')}</MessageBarBody>
        </MessageBar>
      );
    case 'refused':
      return (
        <MessageBar intent="error">
          <MessageBarBody>{t('serverRefused', { reason: outcome.message })}</MessageBarBody>
        </MessageBar>
      );
  }
}
