/**
 * What the 报送 tab says after a submission and about one already sent (issue 12): the receipt
 * (its revision, status, time and totals, or that nothing changed), and a return with
 * finance's note, by whom and when.
 */
import { MessageBar, MessageBarBody, MessageBarTitle, Text } from '@fluentui/react-components';
import type { SubmissionReceipt } from '../../../shared/api/contract';
import { formatYuan as yuan } from '../../../shared/money';
import { periodLabel } from '../../../shared/quarter';
import { cw } from '../i18n/clerkWords';
import { useI18n } from '../i18n/i18n';
import { yearText } from '../i18n/yearText';
import type { ReturnNote } from '../state/useReturnNote';

/** An ISO instant as Beijing time, the clerks' clock: 2026-10-08 14:05. */
export function beijingTime(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** 年初核定 (issue 15): the year's first submission fixed the baseline, or how this one stands against it. */
export function receiptBaseline(b: NonNullable<SubmissionReceipt['baseline']>, lang: 'zh' | 'en'): string {
  const y = yearText(lang);
  return b.fixedNow ? y('receiptBaselineFixed', { year: b.year, members: b.members }) : y('receiptBaselineChecked', { year: b.year, differs: b.differs, recorded: b.recorded });
}

export function ReceiptCard({ receipt }: { receipt: SubmissionReceipt }) {
  const { t, lang } = useI18n();
  const status = t(`status_${receipt.status}` as 'status_submitted');
  const back = receipt.stillReturned;
  // Returned, then sent again unchanged: not a success — the return still stands (issue 12).
  if (back) {
    return (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{cw(lang, 'returnedTitle', { quarter: periodLabel(receipt.quarter, lang), revision: receipt.revision })}</MessageBarTitle>
          <Text block>{cw(lang, 'receiptStillReturned')}</Text>
          {back.note && <Text block>{cw(lang, 'returnedNote', { note: back.note })}</Text>}
          <Text block size={200}>{cw(lang, 'returnedBy', { by: back.by ?? cw(lang, 'returnedSomeone'), at: beijingTime(back.at) })}</Text>
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent="success" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{cw(lang, 'receiptTitle', { quarter: periodLabel(receipt.quarter, lang), revision: receipt.revision, status })}</MessageBarTitle>
        <Text block>{t('accepted', { revision: receipt.revision, status })}</Text>
        {receipt.unchanged && <Text block>{cw(lang, 'receiptUnchanged', { revision: receipt.revision })}</Text>}
        {receipt.baseline && <Text block data-testid="receipt-baseline">{receiptBaseline(receipt.baseline, lang)}</Text>}
        <Text block size={200}>
          {cw(lang, 'receiptAt')} {beijingTime(receipt.receivedAt)} · {t('members')} {receipt.totals.members} · {t('due')} ¥{yuan(receipt.totals.dueFen)} · {t('paid')} ¥{yuan(receipt.totals.paidFen)}
        </Text>
      </MessageBarBody>
    </MessageBar>
  );
}

export function ReturnedNotice({ note }: { note: ReturnNote }) {
  const { lang } = useI18n();
  return (
    <MessageBar intent="error" layout="multiline" aria-label={cw(lang, 'returnedTitle', { quarter: periodLabel(note.quarter, lang), revision: note.revision })}>
      <MessageBarBody>
        <MessageBarTitle>{cw(lang, 'returnedTitle', { quarter: periodLabel(note.quarter, lang), revision: note.revision })}</MessageBarTitle>
        {note.note && <Text block>{cw(lang, 'returnedNote', { note: note.note })}</Text>}
        <Text block size={200}>{cw(lang, 'returnedBy', { by: note.by ?? cw(lang, 'returnedSomeone'), at: beijingTime(note.at) })}</Text>
      </MessageBarBody>
    </MessageBar>
  );
}
