/** Finance and leadership: the roll-up tree, a branch's members, confirm/return, lock, export. */
import { useEffect, useMemo, useRef, useState } from 'react';
import type React from 'react';
import {
  Badge, Button, Card, Field, MessageBar, MessageBarBody, Select, Spinner, Table, TableBody, TableCell, TableHeader,
  TableHeaderCell, TableRow, Text, Textarea, Tree, TreeItem, TreeItemLayout, makeStyles, tokens,
} from '@fluentui/react-components';
import type { Role, RollupMember, RollupNode } from '../../../shared/api/contract';
import type { CellValue } from '../../../shared/grid';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/dictionary';
import { branchStatus } from './branchStatus';
import { LockDialog, lockGroups } from './LockDialog';
import { arrearsReminderText, dateText, daysUntil, quarterDeadline, reminderText } from '../../../shared/deadline';
import { ReviewFacts, type ReviewFactsData } from './ReviewFacts';
import { isQuarterId, periodLabel } from '../../../shared/quarter';
import { formatYuan as yuan } from '../../../shared/money';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
  figures: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

export interface RollupApi {
  load: (period: string) => Promise<RollupNode>;
  members: (period: string, branch: string) => Promise<RollupMember[]>;
  review: (branch: string, quarter: string, action: 'confirm' | 'return', revision: number, note: string) => Promise<unknown>;
  lock: (org: string, quarter: string) => Promise<void>;
  /** What finance reviews: a revision's changes against the one before, and its travelling warnings. */
  reviewFacts?: (branch: string, quarter: string, revision: number) => Promise<ReviewFactsData>;
  unlock: (org: string, quarter: string) => Promise<void>;
  download: (period: string) => Promise<void>;
  /** True when `download` opens the workbook in Excel rather than saving a file. */
  opensInExcel?: boolean;
  insertSheet?: (name: string, rows: CellValue[][]) => Promise<void>;
}

export interface RollupViewProps {
  /** Today (Beijing), for the 催报 deadline; and the committee's deadline rules. */
  today?: string;
  deadlines?: { deadlineDay: number; deadlines: Record<string, string> };
  role: Role | null;
  periods: string[];
  api: RollupApi;
  describeError: (e: unknown) => string;
}

export function rate(bp: number | null): string {
  return bp === null ? '—' : `${(bp / 100).toFixed(1)}%`;
}

/** The tree as rows for a new sheet: one line per organisation, amounts in yuan. */
export function rollupRows(root: RollupNode, t: (k: MessageKey, vars?: Record<string, string | number>) => string): CellValue[][] {
  const rows: CellValue[][] = [['组织', '类型', t('members'), t('due'), t('paid'), t('arrears'), t('collectionRate'), '状态']];
  const walk = (n: RollupNode, depth: number) => {
    const f = n.figures;
    rows.push([
      `${'　'.repeat(depth)}${n.org.name}`,
      n.org.kind,
      f.members.formal + f.members.probationary,
      f.dueFen / 100,
      f.paidFen / 100,
      f.arrearsFen / 100,
      rate(f.collectionRateBp),
      n.org.kind === '党支部' ? branchStatus(n, t).text : '',
    ]);
    n.children.forEach((c) => walk(c, depth + 1));
  };
  walk(root, 0);
  return rows;
}

function find(n: RollupNode, code: string): RollupNode | null {
  if (n.org.code === code) return n;
  for (const c of n.children) {
    const f = find(c, code);
    if (f) return f;
  }
  return null;
}

export function RollupView({ role, periods, api, describeError, today, deadlines }: RollupViewProps) {
  const { t, lang } = useI18n();
  const s = useStyles();
  const [period, setPeriod] = useState(periods[0] ?? '');
  const [root, setRoot] = useState<RollupNode | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [members, setMembers] = useState<RollupMember[] | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Opened 总支 are kept across reloads and period changes; clicking an item selects it without
  // folding it (finance selects the 党委 to lock it and must still see the branches under it).
  const [openItems, setOpenItems] = useState<Set<string> | null>(null);

  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await fn();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  const load = () =>
    act(async () => {
      setMembers(null);
      setSelected(null);
      const loaded = await api.load(period);
      setOpenItems((o) => o ?? new Set([loaded.org.code, ...loaded.children.map((c) => c.org.code)]));
      setRoot(loaded);
    });
  const node = root && selected ? find(root, selected) : null;
  // The detail opens where finance is looking: scrolled into view and focused when a node is chosen.
  const cardRef = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const el = cardRef.current;
    if (!selected || !el) return;
    el.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
    el.focus({ preventScroll: true });
  }, [selected]);
  const factsBranch = node?.org.kind === '党支部' ? node.org.code : null;
  const factsRevision = node?.revision ?? null;
  const factsLoader = useMemo(
    () => (api.reviewFacts && factsBranch && factsRevision !== null ? () => api.reviewFacts!(factsBranch, period, factsRevision) : null),
    [api, factsBranch, factsRevision, period],
  );
  const isQuarter = /Q\d$/.test(period);
  // Each role sees only what it may do (worker/src/routes: review is finance's, locks finance's
  // and admins', the consolidated workbook finance's and leaders').
  const mayReview = role === 'finance';
  const mayLock = role === 'finance' || role === 'admin';
  const mayDownload = role === 'finance' || role === 'leader';
  const [lockMode, setLockMode] = useState<'lock' | 'unlock' | null>(null);
  const [arrearsText, setArrearsText] = useState<{ branch: string; text: string } | null>(null);
  // 催报: branches still to submit (or to resubmit after a return), with a text to copy.
  const reminders = useMemo(() => {
    if (!root || !isQuarterId(period) || !today || !deadlines || !(role === 'finance' || role === 'leader')) return null;
    const g = lockGroups(root);
    const waiting = [...g.missing, ...g.returned];
    if (!waiting.length) return null;
    const date = quarterDeadline(period, deadlines);
    const left = daysUntil(date, today);
    return {
      count: waiting.length,
      date: dateText(date),
      left: left >= 0 ? t('remindLeft', { n: left }) : t('remindPast', { n: -left }),
      text: waiting.map((b) => reminderText(b, root.org.name, period, deadlines, today)).join('\n'),
    };
  }, [root, period, today, deadlines, role, t]);
  // Locks apply to a subtree: the selected 总支 (or the 党委 when a branch or nothing is selected).
  const lockTarget = root ? (node && node.org.kind !== '党支部' ? node : root) : null;

  const renderNode = (n: RollupNode) => {
    const f = n.figures;
    const status = n.org.kind === '党支部' ? (
      <Badge size="small" appearance="tint" color={branchStatus(n, t).colour}>{branchStatus(n, t).text}</Badge>
    ) : (
      t(isQuarter ? 'branchesLine' : 'branchesLineYear', { ...f.branches })
    );
    const label = (
      <TreeItemLayout>
        <div>
          <Text weight={selected === n.org.code ? 'semibold' : 'regular'}>{n.org.name}</Text>
          {n.locked && <Badge size="small" appearance="outline" style={{ marginInlineStart: 4 }}>{t('locked')}</Badge>}
          <div className={s.figures}>
            {t('due')} ¥{yuan(f.dueFen)} · {t('paid')} ¥{yuan(f.paidFen)} · {t('arrears')} ¥{yuan(f.arrearsFen)} · {t('collectionRate')} {rate(f.collectionRateBp)}
          </div>
          <div className={s.figures}>{status}</div>
        </div>
      </TreeItemLayout>
    );
    // Click or Enter on an item (not on one of its children) selects it.
    const select = {
      onClick: (e: React.MouseEvent) => {
        e.stopPropagation();
        setSelected(n.org.code);
        setMembers(null);
      },
      onKeyDown: (e: React.KeyboardEvent) => {
        if (e.key === 'Enter' && e.target === e.currentTarget) {
          setSelected(n.org.code);
          setMembers(null);
        }
      },
    };
    return n.children.length ? (
      <TreeItem key={n.org.code} itemType="branch" value={n.org.code} aria-label={n.org.name} {...select}>
        {label}
        <Tree>{n.children.map(renderNode)}</Tree>
      </TreeItem>
    ) : (
      <TreeItem key={n.org.code} itemType="leaf" value={n.org.code} aria-label={n.org.name} {...select}>
        {label}
      </TreeItem>
    );
  };

  if (!role) return <Text>{t('signInFirst')}</Text>;
  return (
    <div className={s.root}>
      <div className={s.row}>
        <Field label={t('period')}>
          <Select
            value={period}
            onChange={(_, d) => {
              // The tree shown belongs to its period: a new period clears it, so no action (确认,
              // 锁定, 催缴) can apply one period's figures to another.
              setPeriod(d.value);
              setRoot(null);
              setSelected(null);
              setMembers(null);
              setNotice(null);
            }}
          >
            {periods.map((p) => (
              <option key={p} value={p}>{periodLabel(p, lang)}</option>
            ))}
          </Select>
        </Field>
        <Button appearance="primary" onClick={() => void load()} disabled={busy}>{t('loadRollup')}</Button>
      </div>
      {busy && <Spinner size="tiny" />}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {notice && (
        <MessageBar intent="success">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {root && root.figures.branches.total === 0 && <Text>{t('rollupEmpty')}</Text>}
      {root && (
        <>
          <Tree
            aria-label={t('tabRollup')}
            openItems={openItems ?? [root.org.code]}
            onOpenChange={(_, d) => {
              if (d.type !== 'Click') setOpenItems(new Set([...d.openItems].map(String)));
            }}
          >
            {renderNode(root)}
          </Tree>
          <div className={s.actions}>
            {api.insertSheet && (
              <Button onClick={() => void act(async () => { await api.insertSheet!(`汇总 ${period}`, rollupRows(root, t)); setNotice(t('sheetInserted')); })}>
                {t('insertSheet')}
              </Button>
            )}
            {mayDownload && (
              <Button onClick={() => void act(() => api.download(period))}>{t(api.opensInExcel ? 'openWorkbookInExcel' : 'downloadWorkbook')}</Button>
            )}
            {mayLock && isQuarter && lockTarget && (
              <Button onClick={() => setLockMode(lockTarget.locked ? 'unlock' : 'lock')}>
                {t(lockTarget.locked ? 'unlockNode' : 'lockNode', { org: lockTarget.org.name })}
              </Button>
            )}
          </div>
        </>
      )}
      {reminders && (
        <section aria-label={t('remindTitle', { n: reminders.count, date: reminders.date, left: reminders.left })}>
          <Text block weight="semibold">{t('remindTitle', { n: reminders.count, date: reminders.date, left: reminders.left })}</Text>
          <Field label={t('remindHint')}>
            <Textarea readOnly value={reminders.text} rows={Math.min(6, reminders.count + 1)} resize="vertical" />
          </Field>
        </section>
      )}
      {lockMode && lockTarget && (
        <LockDialog
          node={lockTarget}
          periodText={periodLabel(period, lang)}
          mode={lockMode}
          busy={busy}
          onCancel={() => setLockMode(null)}
          onConfirm={() => {
            const mode = lockMode;
            setLockMode(null);
            void act(async () => {
              if (mode === 'lock') await api.lock(lockTarget.org.code, period);
              else await api.unlock(lockTarget.org.code, period);
              setNotice(t(mode === 'lock' ? 'quarterLocked' : 'quarterUnlocked', { quarter: `${lockTarget.org.name} ${periodLabel(period, lang)}` }));
              setRoot(await api.load(period));
            });
          }}
        />
      )}
      {node && (
        <Card aria-label={node.org.name} ref={cardRef} tabIndex={-1}>
          <Text weight="semibold">{node.org.name}</Text>
          <Text size={200}>
            {t('members')} {node.figures.members.formal + node.figures.members.probationary} · {t('arrears')} ¥{yuan(node.figures.arrearsFen)}
          </Text>
          <Text size={200}>
            {t('inArrears', { n: node.figures.membersInArrears, six: node.figures.membersSixMonthArrears })}
          </Text>
          {node.org.kind === '党支部' && (
            <>
              <Button size="small" onClick={() => void act(async () => setMembers(await api.members(period, node.org.code)))}>{t('drillDown')}</Button>
              {isQuarter && node.figures.membersInArrears > 0 && (role === 'finance' || role === 'leader') && (
                <Button size="small" onClick={() => void act(async () => {
                  const people = await api.members(period, node.org.code);
                  setArrearsText({ branch: node.org.code, text: arrearsReminderText(node.org.name, period, people) });
                })}>{t('remindArrears')}</Button>
              )}
              {arrearsText && arrearsText.branch === node.org.code && (
                <Field label={t('remindArrearsHint')}>
                  <Textarea readOnly value={arrearsText.text} rows={6} resize="vertical" />
                </Field>
              )}
              {mayReview && isQuarter && node.status && node.revision !== null && (
                <>
                  {api.reviewFacts && factsLoader && <ReviewFacts load={factsLoader} />}
                  <Field label={t('note')}>
                    <Textarea value={note} onChange={(_, d) => setNote(d.value)} resize="vertical" />
                  </Field>
                  <div className={s.actions}>
                    {(['confirm', 'return'] as const).map((a) => (
                      <Button
                        key={a}
                        appearance={a === 'confirm' ? 'primary' : 'secondary'}
                        disabled={busy || (a === 'return' && !note.trim()) || node.status === (a === 'confirm' ? 'confirmed' : 'returned')}
                        onClick={() =>
                          void act(async () => {
                            await api.review(node.org.code, period, a, node.revision!, note.trim());
                            setNote('');
                            setNotice(t('reviewed', { org: node.org.name }));
                            setRoot(await api.load(period));
                          })
                        }
                      >
                        {t(a === 'confirm' ? 'confirm' : 'returnSub')}
                      </Button>
                    ))}
                  </div>
                </>
              )}
            </>
          )}
          {members && (members.length === 0 ? <Text>{t('noMembers')}</Text> : <MembersTable members={members} title={t('membersOf', { org: node.org.name })} />)}
        </Card>
      )}
    </div>
  );
}

function MembersTable({ members, title }: { members: RollupMember[]; title: string }) {
  const { t } = useI18n();
  return (
    <Table size="extra-small" aria-label={title}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('name')}</TableHeaderCell>
          <TableHeaderCell>{t('due')}</TableHeaderCell>
          <TableHeaderCell>{t('paid')}</TableHeaderCell>
          <TableHeaderCell>{t('arrears')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {members.map((m) => (
          <TableRow key={m.idMasked}>
            <TableCell>{m.name}<br /><Text size={100}>{m.idMasked}</Text></TableCell>
            <TableCell>{yuan(m.dueFen)}</TableCell>
            <TableCell>{yuan(m.paidFen)}</TableCell>
            <TableCell>{yuan(m.arrearsFen)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

