/** Pick a quarter, see what will be submitted, submit; then the revision or the reason, in plain words. */
import { useMemo, useState } from 'react';
import {
  Button, Field, MessageBar, MessageBarActions, MessageBarBody, Select, Spinner, Table, TableBody, TableCell, TableRow, Text, makeStyles, tokens,
} from '@fluentui/react-components';
import type { Submission } from '../../../shared/api/contract';
import type { OutboxItem } from '../api/outbox';
import { useI18n } from '../i18n/i18n';
import { formatYuan as yuan } from '../../../shared/money';
import { periodLabel } from '../../../shared/quarter';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

export type SubmitOutcome =
  | { kind: 'accepted'; revision: number; status: string }
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
}

export function arrearsFen(s: Submission): number {
  let a = 0;
  for (const m of s.members) for (const mo of m.months) a += Math.max(0, mo.dueFen - mo.paidFen);
  return a;
}

export function SubmitView(p: SubmitViewProps) {
  const { t, lang } = useI18n();
  const s = useStyles();
  const sub = p.preview?.submission ?? null;
  const arrears = useMemo(() => (sub ? arrearsFen(sub) : 0), [sub]);
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
            <option key={q} value={q}>{periodLabel(q, lang)}</option>
          ))}
        </Select>
      </Field>
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
              <TableRow><TableCell>{t('arrears')}</TableCell><TableCell>¥{yuan(arrears)}</TableCell></TableRow>
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
      <Button appearance="primary" disabled={p.busy || !p.preview || p.preview.errors > 0} onClick={p.onSubmit}>
        {p.busy ? <Spinner size="tiny" label={t('submitting')} /> : t('submit')}
      </Button>
      {p.outcome && <Outcome outcome={p.outcome} onReloadRetry={p.onReloadRetry} />}
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

function Outcome({ outcome, onReloadRetry }: { outcome: SubmitOutcome; onReloadRetry: () => void }) {
  const { t } = useI18n();
  switch (outcome.kind) {
    case 'accepted':
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
