/**
 * The facts finance needs before 确认 or 退回: which revision, when and by whom it was sent, the
 * warnings it carried, and what changed since the revision before (members in and out, amounts).
 */
import { useEffect, useState } from 'react';
import { Spinner, Text } from '@fluentui/react-components';
import type { RevisionChanges } from '../../../shared/api/revision-changes';
import { formatYuan as yuan } from '../../../shared/money';
import { useI18n } from '../i18n/i18n';

export interface TravelledWarning { code: string; message: string; messageEn?: string }
export interface ReviewFactsData { changes: RevisionChanges; warnings: TravelledWarning[] }

/** ISO → "2026-09-30 18:00（北京时间）" (committees work in UTC+8). */
function beijing(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

const names = (xs: { name: string }[], max = 5) => xs.slice(0, max).map((x) => x.name).join('、') + (xs.length > max ? ' …' : '');

export function ReviewFacts({ load }: { load: () => Promise<ReviewFactsData> }) {
  const { t, lang } = useI18n();
  // The answer remembers which loader it belongs to, so another branch never shows stale facts.
  const [result, setResult] = useState<{ from: () => Promise<ReviewFactsData>; data: ReviewFactsData | null } | null>(null);
  useEffect(() => {
    let live = true;
    load().then((d) => live && setResult({ from: load, data: d }), () => live && setResult({ from: load, data: null }));
    return () => {
      live = false;
    };
  }, [load]);
  const current = result?.from === load ? result : null;
  const data = current?.data ?? null;
  const failed = current !== null && current.data === null;
  if (failed) return <Text size={200}>{t('factsUnavailable')}</Text>;
  if (!data) return <Spinner size="tiny" label={t('factsLoading')} />;
  const c = data.changes;
  return (
    <section aria-label={t('factsTitle')}>
      <Text block size={200}>
        {t('factsRevision', { revision: c.revision, at: beijing(c.receivedAt), by: c.submittedBy.label ? `${c.submittedBy.org}（${c.submittedBy.label}）` : c.submittedBy.org })}
      </Text>
      {c.previous === null ? (
        <Text block size={200}>{t('factsFirst', { n: c.totals.after.members })}</Text>
      ) : (
        <>
          <Text block size={200}>
            {t('factsSince', { previous: c.previous })}
            {t('factsCounts', { added: c.added.length, removed: c.removed.length, changed: c.changed.length })}
          </Text>
          {c.added.length > 0 && <Text block size={200}>{t('factsAdded', { names: names(c.added) })}</Text>}
          {c.removed.length > 0 && <Text block size={200}>{t('factsRemoved', { names: names(c.removed) })}</Text>}
          {c.changed.slice(0, 5).map((x) => (
            <Text block size={200} key={x.idMasked}>
              {t('factsChanged', { name: x.name, dueFrom: yuan(x.dueFen[0]), dueTo: yuan(x.dueFen[1]), paidFrom: yuan(x.paidFen[0]), paidTo: yuan(x.paidFen[1]) })}
            </Text>
          ))}
          {c.totals.before && (
            <Text block size={200}>
              {t('factsTotals', { dueFrom: yuan(c.totals.before.dueFen), dueTo: yuan(c.totals.after.dueFen), paidFrom: yuan(c.totals.before.paidFen), paidTo: yuan(c.totals.after.paidFen) })}
            </Text>
          )}
        </>
      )}
      <Text block size={200}>{t('factsWarnings', { n: data.warnings.length })}</Text>
      {data.warnings.slice(0, 5).map((w, i) => (
        <Text block size={200} key={i}>· {lang === 'en' && w.messageEn ? w.messageEn : w.message}</Text>
      ))}
    </section>
  );
}
