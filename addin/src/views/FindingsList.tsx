/** Findings grouped by severity, then by kind; click one to go to its cell; fix one or all of a kind. */
import { useMemo, useState } from 'react';
import {
  Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, Button, CounterBadge, Text, makeStyles, tokens,
} from '@fluentui/react-components';
import type { Finding } from '../../../shared/findings/finding';
import type { Severity } from '../../../shared/findings/codes';
import type { CellValue } from '../../../shared/grid';
import type { CellFix } from '../host/workbookHost';
import { useI18n } from '../i18n/i18n';
import { FixPreviewDialog } from './FixPreviewDialog';
import { FINDING_KIND } from '../i18n/findingKinds';
import type { FindingCode } from '../../../shared/findings/codes';

const useStyles = makeStyles({
  item: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXS, paddingBlock: tokens.spacingVerticalXXS },
  goto: { flexGrow: 1, justifyContent: 'flex-start', textAlign: 'start', minWidth: 0, height: 'auto', paddingBlock: tokens.spacingVerticalXXS },
  kind: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, marginBlockStart: tokens.spacingVerticalS },
  cell: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3, marginInlineEnd: tokens.spacingHorizontalXS },
  list: { listStyleType: 'none', margin: 0, padding: 0 },
});

const ORDER: Severity[] = ['error', 'warning', 'info'];
const BADGE: Record<Severity, 'danger' | 'warning' | 'informative'> = { error: 'danger', warning: 'warning', info: 'informative' };

export interface FindingsListProps {
  findings: Finding[];
  cellValue: (sheet: string, row: number, col: number) => CellValue;
  onSelect: (f: Finding) => void;
  onFix: (fixes: CellFix[]) => Promise<void>;
}

export function FindingsList({ findings, cellValue, onSelect, onFix }: FindingsListProps) {
  const { t, lang } = useI18n();
  const s = useStyles();
  // The list stays while the dialog closes, so its exit animation shows what it showed.
  const [preview, setPreview] = useState<{ open: boolean; list: Finding[] }>({ open: false, list: [] });
  const groups = useMemo(() => {
    return ORDER.map((sev) => {
      const bySev = findings.filter((f) => f.severity === sev);
      const byCode = new Map<string, Finding[]>();
      for (const f of bySev) byCode.set(f.code, [...(byCode.get(f.code) ?? []), f]);
      return { sev, count: bySev.length, kinds: [...byCode.entries()] };
    }).filter((g) => g.count > 0);
  }, [findings]);

  return (
    <>
      <Accordion multiple collapsible defaultOpenItems={groups.slice(0, 1).map((g) => g.sev)}>
        {groups.map((g) => (
          <AccordionItem key={g.sev} value={g.sev}>
            <AccordionHeader button={{ 'aria-label': `${t(`severity_${g.sev}`)} ${g.count}` }}>
              <Badge appearance="filled" color={BADGE[g.sev]} style={{ marginInlineEnd: 8 }}>
                {t(`severity_${g.sev}`)}
              </Badge>
              <CounterBadge count={g.count} overflowCount={9999} appearance="ghost" color="informative" aria-label={String(g.count)} />
            </AccordionHeader>
            <AccordionPanel>
              {g.kinds.map(([code, list]) => {
                const fixable = list.filter((f) => f.fix !== null);
                return (
                  <section key={code} aria-label={`${FINDING_KIND[code as FindingCode]?.[lang] ?? code} ${code}`}>
                    <div className={s.kind}>
                      <Text weight="semibold" size={200} title={code}>
                        {FINDING_KIND[code as FindingCode]?.[lang] ?? code}
                      </Text>
                      {fixable.length > 1 && (
                        <Button size="small" appearance="primary" onClick={() => setPreview({ open: true, list: fixable })}>
                          {t('fixAll', { n: fixable.length })}
                        </Button>
                      )}
                    </div>
                    <ul className={s.list}>
                      {list.map((f) => (
                        <li key={`${f.sheet}!${f.cell}!${f.code}`} className={s.item}>
                          <Button
                            appearance="subtle"
                            className={s.goto}
                            aria-label={`${t('goToCell', { sheet: f.sheet, cell: f.cell })}: ${lang === 'zh' ? f.message : f.messageEn}`}
                            onClick={() => onSelect(f)}
                          >
                            <span>
                              <span className={s.cell}>{f.sheet}!{f.cell}</span>
                              {lang === 'zh' ? f.message : f.messageEn}
                            </span>
                          </Button>
                          {f.fix !== null && (
                            <Button size="small" onClick={() => setPreview({ open: true, list: [f] })} aria-label={`${t('fix')} ${f.sheet}!${f.cell}`}>
                              {t('fix')}
                            </Button>
                          )}
                        </li>
                      ))}
                    </ul>
                  </section>
                );
              })}
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
      <FixPreviewDialog
        open={preview.open}
        findings={preview.list}
        cellValue={cellValue}
        onCancel={() => setPreview({ ...preview, open: false })}
        onApply={async () => {
          const fixes = preview.list.map((f) => ({ sheet: f.sheet, row: f.row, col: f.col, value: f.fix }));
          setPreview({ ...preview, open: false });
          await onFix(fixes);
        }}
      />
    </>
  );
}
