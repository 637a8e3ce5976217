/** Findings grouped by severity, then by kind; click one to go to its cell; fix one or all of a kind. */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  Accordion, AccordionHeader, type AccordionToggleData, AccordionItem, AccordionPanel, Badge, Button, CounterBadge, Text, makeStyles, tokens,
} from '@fluentui/react-components';
import type { Finding } from '../../../shared/findings/finding';
import type { Severity } from '../../../shared/findings/codes';
import type { CellValue } from '../../../shared/grid';
import type { CellFix } from '../host/workbookHost';
import { useI18n } from '../i18n/i18n';
import { FixPreviewDialog, type PlanState } from './FixPreviewDialog';
import type { FixPlan } from '../../../shared/fix/plan';
import { FINDING_KIND } from '../i18n/findingKinds';
import type { FindingCode } from '../../../shared/findings/codes';

const useStyles = makeStyles({
  item: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXS, paddingBlock: tokens.spacingVerticalXXS },
  goto: { flexGrow: 1, justifyContent: 'flex-start', textAlign: 'start', minWidth: 0, height: 'auto', paddingBlock: tokens.spacingVerticalXXS },
  kind: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, marginBlockStart: tokens.spacingVerticalS },
  cell: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3, marginInlineEnd: tokens.spacingHorizontalXS },
  member: { fontWeight: tokens.fontWeightSemibold, marginInlineEnd: tokens.spacingHorizontalXS },
  list: { listStyleType: 'none', margin: 0, padding: 0 },
});

const ORDER: Severity[] = ['error', 'warning', 'info'];
const BADGE: Record<Severity, 'danger' | 'warning' | 'informative'> = { error: 'danger', warning: 'warning', info: 'informative' };

export interface FindingsListProps {
  findings: Finding[];
  cellValue: (sheet: string, row: number, col: number) => CellValue | undefined;
  onSelect: (f: Finding) => void;
  onFix: (fixes: CellFix[]) => Promise<void>;
  /** Works out what fixing `list` will do (changes, formulas, re-check) before anything is written. */
  planFixes?: (list: Finding[]) => Promise<{ plan: FixPlan; lines: string[] }>;
}

const itemKey = (f: Finding) => `${f.sheet}!${f.cell}!${f.code}`;

/**
 * React keys for a kind's items: itemKey, and its count when one cell has the kind twice (two
 * COLUMN_MISSING at a sheet's corner, one per missing column), so no finding shares its key and
 * none is dropped or doubled when the list changes.
 */
function itemKeys(list: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return list.map((f) => {
    const k = itemKey(f);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    return n === 0 ? k : `${k}#${n}`;
  });
}

/**
 * Items mounted at once, then per following task: a Fluent button pair costs about 0.1 ms to
 * mount, so 2,000 findings in one go held the UI thread well past the 50 ms long-task line
 * (issue 14, `npm run bench -- browser`); slices of this size keep each task short.
 */
export const ITEMS_PER_SLICE = 100;

/** How many of `total` items to show: a first slice now, then one more slice per task until all are there. */
function useProgressive(total: number): number {
  const [shown, setShown] = useState(() => Math.min(total, ITEMS_PER_SLICE));
  // A new list (after a re-check) keeps what was already shown, so the pane does not jump.
  const n = Math.min(total, Math.max(shown, Math.min(total, ITEMS_PER_SLICE)));
  useEffect(() => {
    if (n >= total) return;
    const id = setTimeout(() => setShown(Math.min(total, n + ITEMS_PER_SLICE)), 0);
    return () => clearTimeout(id);
  }, [n, total]);
  return n;
}

interface KindProps {
  code: string;
  list: Finding[];
  onSelect: (f: Finding) => void;
  onPreview: (list: Finding[]) => void;
}

/** One kind of finding: its heading, "fix all", and its items (memoised: a dialog opening elsewhere does not re-render 2,000 items). */
const KindSection = memo(function KindSection({ code, list, onSelect, onPreview }: KindProps) {
  const { t, lang } = useI18n();
  const s = useStyles();
  const fixable = useMemo(() => list.filter((f) => f.fix !== null), [list]);
  const shown = useProgressive(list.length);
  const items = shown < list.length ? list.slice(0, shown) : list;
  const keys = useMemo(() => itemKeys(list), [list]);
  return (
    <section aria-label={`${FINDING_KIND[code as FindingCode]?.[lang] ?? code} ${code}`}>
      <div className={s.kind}>
        <Text weight="semibold" size={200} title={code}>
          {FINDING_KIND[code as FindingCode]?.[lang] ?? code}
        </Text>
        {fixable.length > 1 && (
          <Button size="small" appearance="primary" onClick={() => onPreview(fixable)}>
            {t('fixAll', { n: fixable.length })}
          </Button>
        )}
      </div>
      <ul className={s.list} aria-busy={shown < list.length || undefined}>
        {items.map((f, i) => (
          <li key={keys[i]} className={s.item}>
            <Button
              data-goto={itemKey(f)}
              appearance="subtle"
              className={s.goto}
              aria-label={`${t('goToCell', { sheet: f.sheet, cell: f.cell })}: ${f.member ? `${f.member} ` : ''}${lang === 'zh' ? f.message : f.messageEn}`}
              onClick={() => onSelect(f)}
            >
              <span>
                {/* The member first: a clerk corrects a person, the cell says where (issue 12). */}
                {f.member && <span className={s.member}>{f.member}</span>}
                <span className={s.cell}>{f.sheet}!{f.cell}</span>
                {lang === 'zh' ? f.message : f.messageEn}
              </span>
            </Button>
            {f.fix !== null && (
              <Button size="small" onClick={() => onPreview([f])} aria-label={`${t('fix')} ${f.sheet}!${f.cell}`}>
                {t('fix')}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
});

/** Memoised: a re-check's progress ticks re-render CheckView, not a list whose findings did not change. */
export const FindingsList = memo(function FindingsList({ findings, cellValue, onSelect, onFix, planFixes }: FindingsListProps) {
  const { t } = useI18n();
  // The list stays while the dialog closes, so its exit animation shows what it showed.
  const [preview, setPreview] = useState<{ open: boolean; list: Finding[] }>({ open: false, list: [] });
  const [plan, setPlan] = useState<PlanState>({ status: 'idle' });
  const planSeq = useRef(0);
  const rootRef = useRef<HTMLDivElement>(null);
  /** After a fix: the place in the list to put focus back on once the re-check arrives. */
  const refocus = useRef<number | null>(null);

  const openPreviewNow = (list: Finding[]) => {
    setPreview({ open: true, list });
    if (!planFixes) return;
    const seq = ++planSeq.current;
    setPlan({ status: 'busy' });
    planFixes(list).then(
      (r) => seq === planSeq.current && setPlan({ status: 'done', plan: r.plan, lines: r.lines }),
      (e: unknown) => seq === planSeq.current && setPlan({ status: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  };

  // The fixed findings leave the list: focus goes to the one now in their place (or the last),
  // so a keyboard user goes on from where they were; the list itself stays mounted, so the
  // pane keeps its scroll position.
  // Stable callbacks for the memoised sections, always calling this render's handlers.
  const latest = useRef({ openPreviewNow, onSelect });
  useLayoutEffect(() => {
    latest.current = { openPreviewNow, onSelect };
  });
  const openPreview = useCallback((list: Finding[]) => latest.current.openPreviewNow(list), []);
  const select = useCallback((f: Finding) => latest.current.onSelect(f), []);

  useEffect(() => {
    const at = refocus.current;
    if (at === null) return;
    refocus.current = null;
    const buttons = rootRef.current?.querySelectorAll<HTMLButtonElement>('button[data-goto]');
    if (!buttons?.length) return;
    buttons[Math.min(at, buttons.length - 1)]!.focus({ preventScroll: true });
  }, [findings]);
  const groups = useMemo(() => {
    return ORDER.map((sev) => {
      const byCode = new Map<string, Finding[]>();
      let count = 0;
      for (const f of findings) {
        if (f.severity !== sev) continue;
        count++;
        const list = byCode.get(f.code);
        if (list) list.push(f);
        else byCode.set(f.code, [f]);
      }
      return { sev, count, kinds: [...byCode.entries()] };
    }).filter((g) => g.count > 0);
  }, [findings]);
  // Only an open group's items are built at all (a closed one shows its count); the first group
  // starts open, and a long kind mounts its items in slices (KindSection).
  const [openItems, setOpenItems] = useState<Severity[]>(() => groups.slice(0, 1).map((g) => g.sev));

  return (
    <div ref={rootRef}>
      <Accordion
        multiple
        collapsible
        openItems={openItems}
        onToggle={(_e, d: AccordionToggleData<Severity>) => setOpenItems(d.openItems)}
      >
        {groups.map((g) => (
          <AccordionItem key={g.sev} value={g.sev}>
            <AccordionHeader button={{ 'aria-label': `${t(`severity_${g.sev}`)} ${g.count}` }}>
              <Badge appearance="filled" color={BADGE[g.sev]} style={{ marginInlineEnd: 8 }}>
                {t(`severity_${g.sev}`)}
              </Badge>
              <CounterBadge count={g.count} overflowCount={9999} appearance="ghost" color="informative" aria-label={String(g.count)} />
            </AccordionHeader>
            {/* No collapse motion: it measures the open panel's height in the commit, forcing a
                layout of the whole pane inside the task that mounts the list (issue 14). */}
            <AccordionPanel collapseMotion={null}>
              {openItems.includes(g.sev) && g.kinds.map(([code, list]) => (
                <KindSection key={code} code={code} list={list} onSelect={select} onPreview={openPreview} />
              ))}
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
      <FixPreviewDialog
        open={preview.open}
        findings={preview.list}
        cellValue={cellValue}
        plan={plan}
        onCancel={() => {
          planSeq.current++;
          setPreview({ ...preview, open: false });
        }}
        onApply={async () => {
          // What the preview showed is what is written: the plan's changes (formula cells never among them).
          const fixes = plan.status === 'done'
            ? plan.plan.changes.map((c) => ({ sheet: c.sheet, row: c.row, col: c.col, value: c.value }))
            : preview.list.map((f) => ({ sheet: f.sheet, row: f.row, col: f.col, value: f.fix }));
          const keys = [...(rootRef.current?.querySelectorAll<HTMLButtonElement>('button[data-goto]') ?? [])].map((b) => b.dataset.goto);
          const first = keys.findIndex((k) => preview.list.some((f) => itemKey(f) === k));
          refocus.current = first < 0 ? null : first;
          setPreview({ ...preview, open: false });
          await onFix(fixes);
        }}
      />
    </div>
  );
});
