/**
 * The 党委 finance view (财务): for a year, what goes up — 实交, 应上缴 per level, 留存, 大额党费, what
 * is remitted and outstanding and by when — and the year's 收支结存 with its identity checked;
 * finance records a remittance or an entry (下拨, 利息, a 使用 with its 第十九条 purpose and the date
 * of its collective decision, 第二十条). Figures are the server's; amounts typed are read exactly
 * to the 分 (shared/money.ts). Its words live here, Chinese first, English second.
 */
import { useCallback, useState } from 'react';
import {
  Badge, Button, Card, Field, Input, MessageBar, MessageBarBody, Select, Spinner, Table, TableBody, TableCell, TableHeader,
  TableHeaderCell, TableRow, Text, makeStyles, tokens,
} from '@fluentui/react-components';
import type { RemittanceStatus, YearAccounts } from '../../../shared/api/accounts';
import type { AccountsApi } from '../../../shared/api/accounts-client';
import { USE_PURPOSE_CODES, USE_PURPOSES, USE_PURPOSES_EN, type UsePurpose } from '../../../shared/accounts/purposes';
import { formatYuan, parseMoney } from '../../../shared/money';
import { parseRateBp } from '../../../shared/accounts/rounding';
import { useI18n } from '../i18n/i18n';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

const W = {
  title: ['财务：上缴与收支结存', 'Finance: remittances and the year’s accounts'],
  year: ['年度', 'Year'],
  load: ['查看', 'Show'],
  collected: ['实交党费', 'Collected'],
  due: ['应上缴', 'To remit'],
  kept: ['留存', 'Kept'],
  large: ['大额党费（全额上缴中央）', '大额党费 (all to 中央)'],
  level: ['上缴对象', 'Remitted to'],
  remitted: ['已上缴', 'Remitted'],
  outstanding: ['未上缴', 'Outstanding'],
  dueBy: ['期限', 'Due by'],
  overdue: ['已逾期', 'Overdue'],
  settled: ['已缴清', 'Settled'],
  noShares: ['尚未设定上缴比例（duesbook accounts share …）', 'No shares set yet (duesbook accounts share …)'],
  accounts: ['收支结存', 'Year’s accounts'],
  opening: ['上年结存', 'Brought forward'],
  allocated: ['上级下拨', 'Allocated from above'],
  interest: ['利息收入', 'Interest'],
  remittedYear: ['上缴上级', 'Remitted up'],
  used: ['党费使用', 'Spent'],
  closing: ['年末结存', 'Carried forward'],
  identityOk: ['核对相符：结存＝上年结存＋收缴＋下拨＋利息－上缴－使用', 'The identity holds'],
  identityBad: ['核对不符', 'The identity does not hold'],
  negative: ['结存为负，请核查', 'Negative balance: check the records'],
  recordRemit: ['登记上缴', 'Record a remittance'],
  recordEntry: ['登记收支', 'Record an entry'],
  kind: ['类别', 'Kind'],
  amount: ['金额（元）', 'Amount (yuan)'],
  date: ['日期', 'Date'],
  voucher: ['凭证号', 'Voucher'],
  purpose: ['用途（2008规定 第十九条）', 'Purpose (第十九条)'],
  decided: ['集体决定日期', 'Decided on'],
  source: ['下拨单位', 'Allocated by'],
  save: ['登记', 'Record'],
  saved: ['已登记。', 'Recorded.'],
  badAmount: ['金额应为元，最多两位小数。', 'The amount is yuan with at most two decimals.'],
  largeKind: ['大额党费→中央', '大额党费 → 中央'],
  k_opening: ['上年结存', 'Brought forward'],
  k_allocation: ['上级下拨', 'Allocation'],
  k_interest: ['利息', 'Interest'],
  k_use: ['党费使用', 'Use'],
  addShare: ['新增上缴比例（按季度生效，不修改已有记录）', 'Add a share (from a quarter; existing rows are never edited)'],
  rate: ['比例（%）', 'Rate (%)'],
  from: ['自季度起（如 2026Q1）', 'From quarter (e.g. 2026Q1)'],
  dueDay: ['次年截止（月-日）', 'Due next year (MM-DD)'],
  badRate: ['比例应为 0–100，最多两位小数。', 'The rate is 0–100 with at most two decimals.'],
} as const;
type Word = keyof typeof W;

export interface FinanceViewProps {
  api: Pick<AccountsApi, 'remittances' | 'remit' | 'accounts' | 'record' | 'addShare'>;
  years: string[];
  describeError: (e: unknown) => string;
}

const yuan = (fen: number) => `¥${formatYuan(fen)}`;

/** The rate as typed (12.5 or 12.5%) in basis points (shared/accounts/rounding.ts). */
export const rateBp = parseRateBp;

export function FinanceView({ api, years, describeError }: FinanceViewProps) {
  const s = useStyles();
  const { lang } = useI18n();
  const w = useCallback((k: Word) => W[k][lang === 'zh' ? 0 : 1], [lang]);
  const [year, setYear] = useState(years[0] ?? '');
  const [status, setStatus] = useState<RemittanceStatus | null>(null);
  const [accounts, setAccounts] = useState<YearAccounts | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async (y: string) => {
    setBusy(true);
    setError(null);
    try {
      const [st, ac] = await Promise.all([api.remittances(y), api.accounts(y)]);
      setStatus(st);
      setAccounts(ac);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }, [api, describeError]);

  // The remittance form.
  const [rLevel, setRLevel] = useState('');
  const [rAmount, setRAmount] = useState('');
  const [rDate, setRDate] = useState('');
  const [rVoucher, setRVoucher] = useState('');
  // The entry form.
  const [eKind, setEKind] = useState<'allocation' | 'interest' | 'use' | 'opening'>('use');
  const [eAmount, setEAmount] = useState('');
  const [eDate, setEDate] = useState('');
  const [eVoucher, setEVoucher] = useState('');
  const [ePurpose, setEPurpose] = useState<UsePurpose>('training');
  const [eDecided, setEDecided] = useState('');
  const [eSource, setESource] = useState('');

  // The share form.
  const [sLevel, setSLevel] = useState('');
  const [sRate, setSRate] = useState('');
  const [sFrom, setSFrom] = useState('');
  const [sDue, setSDue] = useState('04-30');

  const levels = status ? [...status.shares.levels.map((l) => l.level)] : [];
  const send = async (what: () => Promise<unknown>) => {
    setError(null);
    setNotice(null);
    try {
      await what();
      setNotice(w('saved'));
      await load(year);
    } catch (e) {
      setError(describeError(e));
    }
  };
  const fenOf = (text: string): number | null => {
    const p = parseMoney(text.trim());
    return p.ok ? p.fen : null;
  };
  const remit = () => {
    const fen = fenOf(rAmount);
    if (fen === null) return setError(w('badAmount'));
    const large = rLevel === '__large';
    void send(() => api.remit(year, { level: large ? '中央' : rLevel || levels[0] || '', kind: large ? 'large' : 'share', paidOn: rDate, amountFen: fen, voucher: rVoucher }));
  };
  const record = () => {
    const fen = fenOf(eAmount);
    if (fen === null) return setError(w('badAmount'));
    void send(() => api.record(year, {
      kind: eKind, on: eDate, amountFen: fen, voucher: eVoucher,
      ...(eKind === 'use' ? { purpose: ePurpose, decidedOn: eDecided } : {}),
      ...(eKind === 'allocation' && eSource ? { source: eSource } : {}),
    }));
  };

  const addShare = () => {
    const bp = rateBp(sRate);
    if (bp === null) return setError(w('badRate'));
    void send(() => api.addShare({ level: sLevel.trim(), rateBp: bp, from: sFrom.trim(), dueMonthDay: sDue.trim() }));
  };

  return (
    <section className={s.root} aria-label={w('title')}>
      <Text as="h2" weight="semibold">{w('title')}</Text>
      <div className={s.row}>
        <Field label={w('year')}>
          <Select value={year} onChange={(_, d) => {
            setYear(d.value);
            void load(d.value);
          }}>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </Select>
        </Field>
        <Button onClick={() => void load(year)} disabled={busy}>{w('load')}</Button>
        {busy && <Spinner size="tiny" />}
      </div>
      {error && <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
      {notice && <MessageBar intent="success"><MessageBarBody>{notice}</MessageBarBody></MessageBar>}
      {status && (
        <Card>
          <Text>{w('collected')} {yuan(status.shares.collectedFen)} · {w('due')} {yuan(status.shares.dueFen)} · {w('kept')} {yuan(status.shares.keptFen)}</Text>
          <Text>{w('large')} {yuan(status.largeFen)}</Text>
          {status.lines.length === 0 ? <Text>{w('noShares')}</Text> : (
            <Table size="extra-small" aria-label={w('due')}>
              <TableHeader><TableRow>
                <TableHeaderCell>{w('level')}</TableHeaderCell><TableHeaderCell>{w('due')}</TableHeaderCell>
                <TableHeaderCell>{w('remitted')}</TableHeaderCell><TableHeaderCell>{w('outstanding')}</TableHeaderCell><TableHeaderCell>{w('dueBy')}</TableHeaderCell>
              </TableRow></TableHeader>
              <TableBody>
                {status.lines.map((l) => (
                  <TableRow key={`${l.kind}|${l.level}`}>
                    <TableCell>{l.kind === 'large' ? w('largeKind') : l.level}</TableCell>
                    <TableCell>{yuan(l.dueFen)}</TableCell>
                    <TableCell>{yuan(l.remittedFen)}</TableCell>
                    <TableCell>{l.outstandingFen === 0 ? <Badge color="success" appearance="tint">{w('settled')}</Badge> : yuan(l.outstandingFen)}</TableCell>
                    <TableCell>{l.dueBy}{l.overdue && <> <Badge color="danger" appearance="tint">{w('overdue')}</Badge></>}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Card>
      )}
      {accounts && (
        <Card aria-label={w('accounts')}>
          <Text weight="semibold">{w('accounts')}</Text>
          <Table size="extra-small" aria-label={w('accounts')}>
            <TableBody>
              {([
                ['opening', accounts.openingFen], ['collected', accounts.collectedFen], ['allocated', accounts.allocatedFen], ['interest', accounts.interestFen],
                ['remittedYear', accounts.remittedFen], ['used', accounts.usedFen], ['closing', accounts.closingFen],
              ] as const).map(([k, fen]) => (
                <TableRow key={k}><TableCell>{w(k)}</TableCell><TableCell>{yuan(fen)}</TableCell></TableRow>
              ))}
              {accounts.usesByPurpose.map((u) => (
                <TableRow key={u.purpose}><TableCell>{'\u3000'}{(lang === 'zh' ? USE_PURPOSES : USE_PURPOSES_EN)[u.purpose]}</TableCell><TableCell>{yuan(u.amountFen)}</TableCell></TableRow>
              ))}
            </TableBody>
          </Table>
          <Text role="status">{w(accounts.identityHolds ? 'identityOk' : 'identityBad')}</Text>
          {accounts.negative && <MessageBar intent="warning"><MessageBarBody>{w('negative')}</MessageBarBody></MessageBar>}
        </Card>
      )}
      {status && (
        <Card className={s.form} aria-label={w('recordRemit')}>
          <Text weight="semibold">{w('recordRemit')}</Text>
          <Field label={w('level')}>
            <Select value={rLevel || levels[0] || '__large'} onChange={(_, d) => setRLevel(d.value)}>
              {levels.map((l) => <option key={l} value={l}>{l}</option>)}
              <option value="__large">{w('largeKind')}</option>
            </Select>
          </Field>
          <Field label={w('amount')}><Input value={rAmount} onChange={(_, d) => setRAmount(d.value)} inputMode="decimal" /></Field>
          <Field label={w('date')}><Input type="date" value={rDate} onChange={(_, d) => setRDate(d.value)} /></Field>
          <Field label={w('voucher')}><Input value={rVoucher} onChange={(_, d) => setRVoucher(d.value)} /></Field>
          <Button appearance="primary" onClick={remit}>{w('save')}</Button>
        </Card>
      )}
      {status && (
        <Card className={s.form} aria-label={w('addShare')}>
          <Text weight="semibold">{w('addShare')}</Text>
          <Field label={w('level')}><Input value={sLevel} onChange={(_, d) => setSLevel(d.value)} /></Field>
          <Field label={w('rate')}><Input value={sRate} onChange={(_, d) => setSRate(d.value)} inputMode="decimal" /></Field>
          <Field label={w('from')}><Input value={sFrom} onChange={(_, d) => setSFrom(d.value)} /></Field>
          <Field label={w('dueDay')}><Input value={sDue} onChange={(_, d) => setSDue(d.value)} /></Field>
          <Button onClick={addShare}>{w('save')}</Button>
        </Card>
      )}
      {accounts && (
        <Card className={s.form} aria-label={w('recordEntry')}>
          <Text weight="semibold">{w('recordEntry')}</Text>
          <Field label={w('kind')}>
            <Select value={eKind} onChange={(_, d) => setEKind(d.value as typeof eKind)}>
              {(['use', 'allocation', 'interest', 'opening'] as const).map((k) => <option key={k} value={k}>{w(`k_${k}`)}</option>)}
            </Select>
          </Field>
          <Field label={w('amount')}><Input value={eAmount} onChange={(_, d) => setEAmount(d.value)} inputMode="decimal" /></Field>
          <Field label={w('date')}><Input type="date" value={eDate} onChange={(_, d) => setEDate(d.value)} /></Field>
          <Field label={w('voucher')}><Input value={eVoucher} onChange={(_, d) => setEVoucher(d.value)} /></Field>
          {eKind === 'use' && (
            <>
              <Field label={w('purpose')}>
                <Select value={ePurpose} onChange={(_, d) => setEPurpose(d.value as UsePurpose)}>
                  {USE_PURPOSE_CODES.map((p) => <option key={p} value={p}>{(lang === 'zh' ? USE_PURPOSES : USE_PURPOSES_EN)[p]}</option>)}
                </Select>
              </Field>
              <Field label={w('decided')}><Input type="date" value={eDecided} onChange={(_, d) => setEDecided(d.value)} /></Field>
            </>
          )}
          {eKind === 'allocation' && <Field label={w('source')}><Input value={eSource} onChange={(_, d) => setESource(d.value)} /></Field>}
          <Button appearance="primary" onClick={record}>{w('save')}</Button>
        </Card>
      )}
    </section>
  );
}
