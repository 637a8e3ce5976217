/**
 * 年度: the member's year beyond the quarters — a branch's arrears with what approvals take off,
 * the approvals (少交/免交/缓交/补交: entered by the branch's clerk, confirmed or rejected by the
 * org the rule needs) and the transfers with 党费交至年月 and the introduction letter's line.
 */
import { useCallback, useEffect, useState } from 'react';
import {
  Button, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Text, makeStyles, tokens,
} from '@fluentui/react-components';
import type { Approval, EffectsAnswer, Transfer } from '../../../shared/api/approvals';
import { ApprovalRequestSchema, TransferRequestSchema } from '../../../shared/api/approvals';
import type { RollupFigures } from '../../../shared/api/contract';
import type { CheckResult } from '../../../shared/check';
import { APPROVAL_KINDS } from '../../../shared/approvals/levels';
import { formatYuan } from '../../../shared/money';
import {
  addApproval, addTransfer, approvalEffects, decideApproval, listApprovals, listTransfers, revokeApproval, withdrawApproval, withdrawTransfer,
} from '../../../shared/api/year-client';
import type { ApiClient, WhoAmI } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { yearText } from '../i18n/yearText';
import { BaselinePanel } from './BaselinePanel';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: tokens.spacingHorizontalS, border: `1px solid ${tokens.colorNeutralStroke2}` },
  item: { display: 'flex', flexDirection: 'column', gap: '2px', paddingBlock: tokens.spacingVerticalXS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

const CATEGORIES = ['在职', '年薪制', '个体', '离退休', '农民', '学生', '下岗失业', '低保'] as const;

export interface YearViewProps {
  client: ApiClient | null;
  who: WhoAmI | null;
  periods: string[];
  describeError: (e: unknown) => string;
  /** The last check of the open workbook, for 核定本年度党费 (BaselinePanel). */
  checked?: CheckResult | null;
  /** An approval or transfer was entered, decided or withdrawn: the check applies the records again. */
  onRecordsChanged?: () => void;
}

/** "12.50" 元 → 1250 分, exactly; null when not an amount. */
export function fenOf(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

const issues = (e: { issues: { path: PropertyKey[]; message: string }[] }) => e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');

export function YearView({ client, who, periods, describeError, checked, onRecordsChanged }: YearViewProps) {
  const s = useStyles();
  const { lang } = useI18n();
  const t = yearText(lang);
  const [period, setPeriod] = useState(periods[0] ?? '');
  const [branch, setBranch] = useState(who?.org.kind === '党支部' ? who.org.code : '');
  const [figures, setFigures] = useState<RollupFigures | null>(null);
  const [effects, setEffects] = useState<EffectsAnswer | null>(null);
  const [approvals, setApprovals] = useState<Approval[]>([]);
  const [transfers, setTransfers] = useState<Transfer[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const isClerk = who?.role === 'clerk';
  const decides = who?.role === 'finance' || who?.role === 'admin';

  const load = useCallback(async () => {
    if (!client) return;
    setError(null);
    try {
      const c = client.shared;
      const year = period.slice(0, 4);
      const [a, tr] = await Promise.all([listApprovals(c, { org: branch || undefined, year }), listTransfers(c, { org: branch || undefined, year })]);
      setApprovals(a);
      setTransfers(tr);
      if (branch) {
        const [node, eff] = await Promise.all([client.rollup(period, branch), approvalEffects(c, period, branch)]);
        setFigures(node.figures);
        setEffects(eff);
      } else {
        setFigures(null);
        setEffects(null);
      }
    } catch (e) {
      setError(describeError(e));
    }
  }, [client, period, branch, describeError]);

  // Loaded after the render that changed the period or branch (never setState inside the effect itself).
  useEffect(() => {
    void Promise.resolve().then(load);
  }, [load]);

  const act = async (f: () => Promise<unknown>) => {
    setError(null);
    setNotice(null);
    try {
      await f();
      setNotice(t('saved'));
      onRecordsChanged?.();
      await load();
    } catch (e) {
      setError(t('failed', { reason: e instanceof Error && 'issues' in e ? issues(e as never) : describeError(e) }));
    }
  };

  if (!client || !who) return <Text>{t('signInFirst')}</Text>;
  return (
    <div className={s.root}>
      <div className={s.row}>
        <Field label={t('period')}>
          <Dropdown value={period} selectedOptions={[period]} onOptionSelect={(_, d) => setPeriod(d.optionValue ?? period)}>
            {periods.map((p) => <Option key={p} value={p}>{p}</Option>)}
          </Dropdown>
        </Field>
        {!isClerk && (
          <Field label={t('branch')} hint={t('branchHint')}>
            <Input value={branch} onChange={(_, d) => setBranch(d.value.trim())} />
          </Field>
        )}
      </div>
      {error && <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
      {notice && <MessageBar intent="success"><MessageBarBody>{notice}</MessageBarBody></MessageBar>}
      {figures && (
        <section aria-label={t('arrearsTitle')}>
          <Text block weight="semibold">{t('arrearsTitle')}</Text>
          <Text as="p" role="status" data-testid="branch-arrears">
            {t('arrearsLine', { arrears: formatYuan(figures.arrearsFen), approved: formatYuan(figures.approvedFen ?? 0) })}
          </Text>
          {effects?.findings.map((f, i) => <Text as="p" size={200} key={i}>{lang === 'zh' ? f.message : f.messageEn}</Text>)}
        </section>
      )}
      <section aria-label={t('approvals')}>
        <Text block weight="semibold">{t('approvals')}</Text>
        {!approvals.length && <Text as="p">{t('noApprovals')}</Text>}
        {approvals.map((a) => (
          <ApprovalItem key={a.id} a={a} decides={decides && a.status === 'pending'} t={t}
            takeBack={mayTakeBack(who, a)}
            onDecide={(action, note) => act(() => decideApproval(client.shared, a.id, action, note ? { note } : {}))}
            onTakeBack={(action, reason) => act(() => (action === 'withdraw'
              ? withdrawApproval(client.shared, a.id, reason ? { reason } : {})
              : revokeApproval(client.shared, a.id, { reason })))} />
        ))}
        {isClerk && <ApprovalForm t={t} onSave={(body) => act(() => addApproval(client.shared, body))} />}
      </section>
      <section aria-label={t('transfers')}>
        <Text block weight="semibold">{t('transfers')}</Text>
        {!transfers.length && <Text as="p">{t('noTransfers')}</Text>}
        {transfers.map((x) => (
          <div key={x.id} className={s.item}>
            <Text>{`${x.member.name}（${x.member.idMasked}）${x.direction} ${x.date} ${x.counterpart}`}</Text>
            {x.direction === '转入' && <Text size={200}>{t('firstDue', { month: x.firstDueMonth })}</Text>}
            <Text size={200} data-testid="letter-line">{t('letter', { line: x.letterLine })}</Text>
            <Button size="small" onClick={() => void navigator.clipboard?.writeText(x.letterLine)}>{t('copyLetter')}</Button>
            {x.withdrawnAt && <Text size={200} data-testid="transfer-withdrawn">{t('transferWithdrawn', { reason: x.withdrawReason ?? '' })}</Text>}
            {isClerk && !x.withdrawnAt && x.branch === who.org.code && (
              <TakeBack label={t('withdrawTransfer')} question={t('confirmWithdrawTransfer', { name: x.member.name, direction: x.direction })} reasonRequired t={t}
                onYes={(reason) => act(() => withdrawTransfer(client.shared, x.id, { reason }))} />
            )}
          </div>
        ))}
        {isClerk && <TransferForm t={t} onSave={(body) => act(() => addTransfer(client.shared, body))} />}
      </section>
      <BaselinePanel client={client} who={who} year={period.slice(0, 4)} branch={branch} checked={checked} describeError={describeError} />
      <Button onClick={() => void load()}>{t('refresh')}</Button>
    </div>
  );
}

type T = ReturnType<typeof yearText>;

/**
 * Who may take an approval back (worker/src/approvals/routes.ts decides; this only offers the
 * button): the entering branch's clerk withdraws a pending one; the org that confirmed a confirmed
 * one (its clerk for a branch, finance or admin for the 党委) or the 党委's admin revokes it.
 */
export function mayTakeBack(who: WhoAmI, a: Approval): 'withdraw' | 'revoke' | null {
  if (a.status === 'pending') return who.role === 'clerk' && who.org.code === a.branch ? 'withdraw' : null;
  if (a.status !== 'confirmed') return null;
  if (who.role === 'admin' && who.org.kind === '党委') return 'revoke';
  if (a.decidedBy !== who.org.code) return null;
  const ok = who.org.kind === '党支部' ? who.role === 'clerk' : who.role === 'finance' || who.role === 'admin';
  return ok ? 'revoke' : null;
}

/** A take-back button that first asks, in words, what will happen, with the reason beside it. */
function TakeBack({ label, question, reasonRequired, t, onYes }: { label: string; question: string; reasonRequired: boolean; t: T; onYes: (reason: string) => void }) {
  const s = useStyles();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  if (!asking) return <Button size="small" onClick={() => setAsking(true)}>{label}</Button>;
  return (
    <div role="alertdialog" aria-label={label} className={s.form}>
      <Text>{question}</Text>
      <Field label={t('withdrawReason')} validationMessage={reasonRequired && !reason.trim() ? t('reasonNeeded') : undefined}>
        <Input value={reason} onChange={(_, d) => setReason(d.value)} />
      </Field>
      <div className={s.row}>
        <Button size="small" appearance="primary" disabled={reasonRequired && !reason.trim()} onClick={() => {
          setAsking(false);
          onYes(reason.trim());
        }}>{t('yes')}</Button>
        <Button size="small" onClick={() => setAsking(false)}>{t('no')}</Button>
      </div>
    </div>
  );
}

function ApprovalItem({ a, decides, takeBack, t, onDecide, onTakeBack }: {
  a: Approval; decides: boolean; takeBack: 'withdraw' | 'revoke' | null; t: T;
  onDecide: (action: 'confirm' | 'reject', note: string) => void; onTakeBack: (action: 'withdraw' | 'revoke', reason: string) => void;
}) {
  const s = useStyles();
  const [note, setNote] = useState('');
  const months = a.fromMonth === a.toMonth ? a.fromMonth : `${a.fromMonth}—${a.toMonth}`;
  return (
    <div className={s.item} aria-label={`${a.member.name} ${a.kind}`}>
      <Text>{`${a.member.name}（${a.member.idMasked}）${a.kind} ${months}${a.kind === '少交' || a.kind === '补交' ? ` ${formatYuan(a.amountFen)} 元` : ''}`}</Text>
      <Text size={200}>{`${a.documentNo} · ${a.approvingOrgs.join('、')} · ${t(`level_${a.level}`)} · ${t(`status_${a.status}`)}`}</Text>
      {a.findings.map((f, i) => <Text size={200} key={i}>{f.message}</Text>)}
      {decides && (
        <div className={s.row}>
          <Input aria-label={t('rejectNote')} placeholder={t('rejectNote')} value={note} onChange={(_, d) => setNote(d.value)} />
          <Button size="small" appearance="primary" onClick={() => onDecide('confirm', note)}>{t('confirm')}</Button>
          <Button size="small" disabled={!note.trim()} onClick={() => onDecide('reject', note)}>{t('reject')}</Button>
        </div>
      )}
      {a.withdrawnAt && (
        <Text size={200}>{t('withdrawnLine', { when: a.withdrawnAt.slice(0, 10), by: a.withdrawnBy ?? '', reason: a.withdrawReason ?? '' })}</Text>
      )}
      {takeBack && (
        <TakeBack label={t(takeBack)} reasonRequired={takeBack === 'revoke'} t={t}
          question={t(takeBack === 'withdraw' ? 'confirmWithdraw' : 'confirmRevoke', { name: a.member.name, kind: a.kind })}
          onYes={(reason) => onTakeBack(takeBack, reason)} />
      )}
    </div>
  );
}

function ApprovalForm({ t, onSave }: { t: T; onSave: (body: ReturnType<typeof ApprovalRequestSchema.parse>) => void }) {
  const s = useStyles();
  const [v, setV] = useState({ idNumber: '', name: '', category: '在职', kind: '免交', fromMonth: '', toMonth: '', amount: '0', documentNo: '', approvingOrgs: '', approvedOn: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const set = (k: keyof typeof v) => (_: unknown, d: { value: string }) => setV({ ...v, [k]: d.value });
  return (
    <form className={s.form} aria-label={t('addApproval')} onSubmit={(e) => {
      e.preventDefault();
      const amountFen = fenOf(v.amount);
      const parsed = ApprovalRequestSchema.safeParse({
        idNumber: v.idNumber.trim().toUpperCase(), name: v.name, category: v.category, kind: v.kind, fromMonth: v.fromMonth, toMonth: v.toMonth || v.fromMonth,
        amountFen: amountFen ?? -1, documentNo: v.documentNo, approvingOrgs: v.approvingOrgs.split(/[,，、]/).map((x) => x.trim()).filter(Boolean), approvedOn: v.approvedOn,
      });
      if (!parsed.success) return setProblem(issues(parsed.error));
      setProblem(null);
      onSave(parsed.data);
    }}>
      <Text block weight="semibold">{t('addApproval')}</Text>
      <Field label={t('idNumber')}><Input value={v.idNumber} onChange={set('idNumber')} /></Field>
      <Field label={t('name')}><Input value={v.name} onChange={set('name')} /></Field>
      <Field label={t('category')}>
        <Dropdown value={v.category} selectedOptions={[v.category]} onOptionSelect={(_, d) => setV({ ...v, category: d.optionValue ?? v.category })}>
          {CATEGORIES.map((c) => <Option key={c} value={c}>{c}</Option>)}
        </Dropdown>
      </Field>
      <Field label={t('kind')}>
        <Dropdown value={v.kind} selectedOptions={[v.kind]} onOptionSelect={(_, d) => setV({ ...v, kind: d.optionValue ?? v.kind })}>
          {APPROVAL_KINDS.map((k) => <Option key={k} value={k}>{k}</Option>)}
        </Dropdown>
      </Field>
      <div className={s.row}>
        <Field label={t('fromMonth')}><Input type="month" value={v.fromMonth} onChange={set('fromMonth')} /></Field>
        <Field label={t('toMonth')}><Input type="month" value={v.toMonth} onChange={set('toMonth')} /></Field>
      </div>
      <Field label={t('amount')} hint={t('amountHint')}><Input value={v.amount} onChange={set('amount')} /></Field>
      <Field label={t('documentNo')}><Input value={v.documentNo} onChange={set('documentNo')} /></Field>
      <Field label={t('approvingOrgs')}><Input value={v.approvingOrgs} onChange={set('approvingOrgs')} /></Field>
      <Field label={t('approvedOn')}><Input type="date" value={v.approvedOn} onChange={set('approvedOn')} /></Field>
      {problem && <MessageBar intent="warning"><MessageBarBody>{problem}</MessageBarBody></MessageBar>}
      <Button type="submit" appearance="primary">{t('save')}</Button>
    </form>
  );
}

function TransferForm({ t, onSave }: { t: T; onSave: (body: ReturnType<typeof TransferRequestSchema.parse>) => void }) {
  const s = useStyles();
  const [v, setV] = useState({ idNumber: '', name: '', direction: '转出', date: '', paidThrough: '', counterpart: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const set = (k: keyof typeof v) => (_: unknown, d: { value: string }) => setV({ ...v, [k]: d.value });
  return (
    <form className={s.form} aria-label={t('addTransfer')} onSubmit={(e) => {
      e.preventDefault();
      const parsed = TransferRequestSchema.safeParse({ ...v, idNumber: v.idNumber.trim().toUpperCase() });
      if (!parsed.success) return setProblem(issues(parsed.error));
      setProblem(null);
      onSave(parsed.data);
    }}>
      <Text block weight="semibold">{t('addTransfer')}</Text>
      <Field label={t('idNumber')}><Input value={v.idNumber} onChange={set('idNumber')} /></Field>
      <Field label={t('name')}><Input value={v.name} onChange={set('name')} /></Field>
      <Field label={t('direction')}>
        <Dropdown value={v.direction} selectedOptions={[v.direction]} onOptionSelect={(_, d) => setV({ ...v, direction: d.optionValue ?? v.direction })}>
          <Option value="转出">转出</Option>
          <Option value="转入">转入</Option>
        </Dropdown>
      </Field>
      <Field label={t('date')}><Input type="date" value={v.date} onChange={set('date')} /></Field>
      <Field label={t('paidThrough')}><Input type="month" value={v.paidThrough} onChange={set('paidThrough')} /></Field>
      <Field label={t('counterpart')}><Input value={v.counterpart} onChange={set('counterpart')} /></Field>
      {problem && <MessageBar intent="warning"><MessageBarBody>{problem}</MessageBarBody></MessageBar>}
      <Button type="submit" appearance="primary">{t('save')}</Button>
    </form>
  );
}
