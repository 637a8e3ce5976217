/**
 * 核定本年度党费 (年初核定, 2017通知): what would be fixed from the checked workbook (each member's
 * first month of the year, with totals and who is left out), a confirmation, then the fixed
 * baseline with its recorded changes; the branch's clerk records a change with its reason
 * (2008规定 第十条). Finance reads a branch's baseline; an administrator sees it without bases.
 */
import { useEffect, useMemo, useState } from 'react';
import { Button, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Baseline } from '../../../shared/api/baseline';
import { BaselineChangeRequestSchema } from '../../../shared/api/baseline';
import type { CheckResult } from '../../../shared/check';
import { maskId } from '../../../shared/idcard';
import { formatYuan } from '../../../shared/money';
import { fixBaseline, readBaseline, recordBaselineChange } from '../../../shared/api/year-client';
import { baselineDraft, fixRequestOf } from '../../../shared/year/baseline-draft';
import { ApiError } from '../../../shared/api/client';
import type { ApiClient, WhoAmI } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { yearText } from '../i18n/yearText';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: tokens.spacingHorizontalS, border: `1px solid ${tokens.colorNeutralStroke2}` },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

export interface BaselinePanelProps {
  client: ApiClient | null;
  who: WhoAmI | null;
  year: string;
  /** The branch to read (finance, admin); a clerk reads their own. */
  branch: string;
  /** The last check of the open workbook, when there is one. */
  checked?: CheckResult | null;
  describeError: (e: unknown) => string;
}

/** "105" or "105.50" 元 → 分, exactly; null when not an amount (as YearView's fenOf; not imported, to keep the import one way). */
function fenOf(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

const yuan = (fen: number | null) => (fen === null ? '—' : formatYuan(fen));

interface Refused {
  members?: { member: string; name: string; fixed: { baseFen: number | null; dueFen: number }; sent: { baseFen: number | null; dueFen: number } }[];
}

export function BaselinePanel({ client, who, year, branch, checked, describeError }: BaselinePanelProps) {
  const s = useStyles();
  const { lang } = useI18n();
  const t = yearText(lang);
  const isClerk = who?.role === 'clerk';
  const [baseline, setBaseline] = useState<Baseline | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const draft = useMemo(() => (isClerk && checked ? baselineDraft(checked, year) : null), [isClerk, checked, year]);
  const org = isClerk ? undefined : branch || undefined;

  // Read after the render that changed the year or branch; a later answer replaces an earlier one only while current.
  useEffect(() => {
    if (!client || (!isClerk && !org)) return;
    let live = true;
    readBaseline(client.shared, year, org).then(
      (b) => { if (live) setBaseline(b); },
      (e: unknown) => { if (live) setError([describeError(e)]); },
    );
    return () => { live = false; };
  }, [client, isClerk, org, year, describeError]);

  const fix = async () => {
    const body = draft && fixRequestOf(draft);
    if (!client || !body) return;
    setConfirming(false);
    setError(null);
    setNotice(null);
    try {
      const b = await fixBaseline(client.shared, body);
      setBaseline(b);
      setNotice(b.added ? t('baselineAdded', { added: b.added }) : t('baselineNothingNew'));
    } catch (e) {
      // A member fixed with other figures: name both, and point to a recorded change.
      const d = e instanceof ApiError && e.code === 'BASELINE_ALREADY_FIXED' ? (e.details as Refused) : null;
      setError(d?.members?.length
        ? d.members.map((m) => t('baselineAlreadyFixed', {
          name: m.name, member: m.member, fixedBase: yuan(m.fixed.baseFen), fixedDue: yuan(m.fixed.dueFen), sentBase: yuan(m.sent.baseFen), sentDue: yuan(m.sent.dueFen),
        }))
        : [t('failed', { reason: describeError(e) })]);
    }
  };

  if (!client || !who) return null;
  return (
    <section aria-label={t('baselineTitle', { year })} className={s.root}>
      <Text block weight="semibold">{t('baselineTitle', { year })}</Text>
      {error?.map((line, i) => <MessageBar key={i} intent="error"><MessageBarBody>{line}</MessageBarBody></MessageBar>)}
      {notice && <MessageBar intent="success"><MessageBarBody>{notice}</MessageBarBody></MessageBar>}
      {baseline && !baseline.fixed && <Text as="p">{t('baselineNotFixed', { year })}</Text>}
      {baseline?.fixed && (
        <div data-testid="baseline-fixed">
          <Text as="p" role="status">
            {baseline.totals.baseFen === null
              ? t('baselineFixedDueOnly', { members: baseline.totals.members, due: yuan(baseline.totals.dueFen) })
              : t('baselineFixedLine', { members: baseline.totals.members, base: yuan(baseline.totals.baseFen), due: yuan(baseline.totals.dueFen) })}
          </Text>
          {baseline.members.map((m) => (
            <div key={m.member.idMasked}>
              <Text as="p" size={200}>{t('baselineMember', { name: m.member.name, masked: m.member.idMasked, category: m.category, base: yuan(m.baseFen), due: yuan(m.dueFen) })}</Text>
              {m.changes.map((c, i) => (
                <Text as="p" size={200} key={i}>{t('baselineChangeLine', { month: c.fromMonth, base: yuan(c.baseFen), due: yuan(c.dueFen), reason: c.reason })}</Text>
              ))}
            </div>
          ))}
        </div>
      )}
      {isClerk && (
        <div className={s.box} aria-label={t('baselineFromWorkbook')}>
          <Text weight="semibold">{t('baselineFromWorkbook')}</Text>
          {!draft && <Text as="p">{t('baselineNoWorkbook')}</Text>}
          {draft && (
            <>
              <Text as="p" data-testid="baseline-draft">
                {t('baselineDraftLine', { members: draft.totals.members, base: yuan(draft.totals.baseFen), due: yuan(draft.totals.dueFen) })}
              </Text>
              {draft.members.map((m) => (
                <Text as="p" size={200} key={m.idNumber}>
                  {t('baselineMember', { name: m.name, masked: maskId(m.idNumber), category: m.category, base: yuan(m.baseFen), due: yuan(m.dueFen) })}
                </Text>
              ))}
              {draft.skipped.map((x, i) => <Text as="p" size={200} key={i}>{t('baselineSkipped', { name: x.name, reason: lang === 'zh' ? x.reason : x.reasonEn })}</Text>)}
              {draft.errors > 0 && <MessageBar intent="warning"><MessageBarBody>{t('baselineDraftErrors', { errors: draft.errors })}</MessageBarBody></MessageBar>}
              {!confirming && (
                <Button appearance="primary" disabled={draft.errors > 0 || !draft.members.length} onClick={() => setConfirming(true)}>
                  {baseline?.fixed ? t('baselineExtend') : t('baselineFix')}
                </Button>
              )}
              {confirming && (
                <div role="alertdialog" aria-label={t('baselineConfirm')}>
                  <Text as="p">{t('baselineConfirmText', { year })}</Text>
                  <div className={s.row}>
                    <Button appearance="primary" onClick={() => void fix()}>{t('baselineConfirm')}</Button>
                    <Button onClick={() => setConfirming(false)}>{t('baselineCancel')}</Button>
                  </div>
                </div>
              )}
            </>
          )}
        </div>
      )}
      {isClerk && baseline?.fixed && (
        <ChangeForm baseline={baseline} checked={checked ?? null} t={t} onSave={async (body) => {
          setError(null);
          setNotice(null);
          try {
            setBaseline(await recordBaselineChange(client.shared, year, body));
            setNotice(t('baselineChangeSaved'));
          } catch (e) {
            setError([t('failed', { reason: describeError(e) })]);
          }
        }} />
      )}
    </section>
  );
}

type T = ReturnType<typeof yearText>;

/**
 * The member is picked from the baseline (masked IDs only); the ID the server keys them by comes
 * from the open workbook, or is typed when the workbook does not hold them.
 */
function ChangeForm({ baseline, checked, t, onSave }: {
  baseline: Baseline; checked: CheckResult | null; t: T; onSave: (body: ReturnType<typeof BaselineChangeRequestSchema.parse>) => Promise<void>;
}) {
  const s = useStyles();
  const [v, setV] = useState({ member: '', idNumber: '', fromMonth: '', base: '', due: '', reason: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const set = (k: keyof typeof v) => (_: unknown, d: { value: string }) => setV({ ...v, [k]: d.value });
  const picked = baseline.members.find((m) => m.member.idMasked === v.member);
  const fromWorkbook = picked && checked?.members.find((m) => m.idNumber && maskId(m.idNumber) === picked.member.idMasked && m.name === picked.member.name)?.idNumber;
  return (
    <form className={s.box} aria-label={t('baselineChangeTitle')} onSubmit={(e) => {
      e.preventDefault();
      const idNumber = fromWorkbook ?? v.idNumber.trim().toUpperCase();
      if (picked && !idNumber) return setProblem(t('baselineChangeNoId'));
      const parsed = BaselineChangeRequestSchema.safeParse({
        idNumber, fromMonth: v.fromMonth, baseFen: v.base.trim() ? (fenOf(v.base) ?? -1) : null, dueFen: fenOf(v.due) ?? -1, reason: v.reason,
      });
      if (!parsed.success) return setProblem(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      setProblem(null);
      void onSave(parsed.data);
    }}>
      <Text weight="semibold">{t('baselineChangeTitle')}</Text>
      <Field label={t('baselineChangeMember')}>
        <Dropdown value={picked ? `${picked.member.name}（${picked.member.idMasked}）` : ''} selectedOptions={v.member ? [v.member] : []}
          onOptionSelect={(_, d) => setV({ ...v, member: d.optionValue ?? '' })}>
          {baseline.members.map((m) => <Option key={m.member.idMasked} value={m.member.idMasked}>{`${m.member.name}（${m.member.idMasked}）`}</Option>)}
        </Dropdown>
      </Field>
      {picked && !fromWorkbook && (
        <Field label={t('idNumber')} hint={t('baselineChangeNoId')}><Input value={v.idNumber} onChange={set('idNumber')} /></Field>
      )}
      <Field label={t('baselineChangeFrom')}><Input placeholder="2026-07" value={v.fromMonth} onChange={set('fromMonth')} /></Field>
      <Field label={t('baselineChangeBase')}><Input value={v.base} onChange={set('base')} /></Field>
      <Field label={t('baselineChangeDue')}><Input value={v.due} onChange={set('due')} /></Field>
      <Field label={t('baselineChangeReason')}><Input value={v.reason} onChange={set('reason')} /></Field>
      {problem && <Text role="alert">{problem}</Text>}
      <Button type="submit" disabled={!picked}>{t('baselineChangeSave')}</Button>
    </form>
  );
}
