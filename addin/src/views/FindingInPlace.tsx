/**
 * Browser mode's 定位到 (issue 12): the finding shown where it is — the sheet's header row, its
 * row and the rows either side, the member's name and the columns next to the cell, the cell
 * highlighted — with the cell's value to correct right there. Saving writes it (into the copy
 * the clerk downloads), re-checks, and says what the re-check found on that cell. A finding on
 * a formula edits the input its fix goes through (fixVia); a formula is never written.
 */
import { useEffect, useRef, useState } from 'react';
import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, MessageBar, MessageBarBody,
  Spinner, Text, makeStyles, tokens,
} from '@fluentui/react-components';
import type { Finding } from '../../../shared/findings/finding';
import { findingPlace } from '../../../shared/findings/member-names';
import { a1 } from '../../../shared/a1';
import { shownValue, typedValue, type SheetWindow, type WindowTable } from '../file/sheetWindow';
import type { CellFix } from '../host/workbookHost';
import { cw } from '../i18n/clerkWords';
import { useI18n } from '../i18n/i18n';

const useStyles = makeStyles({
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, width: '100%', tableLayout: 'fixed' },
  th: { backgroundColor: tokens.colorNeutralBackground3, border: `1px solid ${tokens.colorNeutralStroke2}`, padding: '2px 4px', fontWeight: tokens.fontWeightSemibold, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  td: { border: `1px solid ${tokens.colorNeutralStroke2}`, padding: '2px 4px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  rowHead: { backgroundColor: tokens.colorNeutralBackground3, border: `1px solid ${tokens.colorNeutralStroke2}`, padding: '2px 4px', width: '2.5em', textAlign: 'end' },
  target: { outline: `2px solid ${tokens.colorPaletteRedBorder2}`, backgroundColor: tokens.colorPaletteYellowBackground2, fontWeight: tokens.fontWeightSemibold },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export interface FindingInPlaceProps {
  /** The finding opened, or null when closed (one dialog stays mounted). */
  finding: Finding | null;
  /** The cells around one, asked of wherever the grids are kept (browser mode: the check worker). */
  windowAt: (tables: readonly WindowTable[], sheet: string, row: number, col: number) => Promise<SheetWindow | null>;
  /** The tables of the latest check: a new check asks for the window again (the cell may have changed). */
  tables: readonly WindowTable[];
  /** The findings of the latest check: what the re-check says about the cell. */
  findings: readonly Finding[];
  /** A re-check is running. */
  busy: boolean;
  onSave: (fixes: CellFix[]) => Promise<void>;
  onClose: () => void;
}

export function FindingInPlace(p: FindingInPlaceProps) {
  const { lang } = useI18n();
  const { finding, onClose } = p;
  // One dialog stays mounted (remounting races Fluent's exit motion); its body is keyed by the
  // finding, so the value typed and the re-check said start afresh for each finding opened.
  const key = finding ? `${finding.sheet}!${finding.cell}!${finding.code}` : '';
  return (
    <Dialog open={finding !== null} modalType="modal" onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface style={{ maxWidth: 340 }}>
        <DialogBody>
          <DialogTitle>{finding ? cw(lang, 'inPlaceTitle', { where: findingPlace(finding) }) : ''}</DialogTitle>
          {finding && <InPlaceBody key={key} {...p} finding={finding} />}
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

function InPlaceBody({ finding, windowAt, tables, findings, busy, onSave, onClose }: FindingInPlaceProps & { finding: Finding }) {
  const { lang } = useI18n();
  const s = useStyles();
  // The cell edited: the finding's own, or on a formula the input its fix goes through.
  const target = finding.formula && finding.fixVia ? finding.fixVia : { sheet: finding.sheet, row: finding.row, col: finding.col };
  // The window comes from where the grids are kept (the check worker): asked for on opening and
  // after each check (a save re-checks), the typed value filled in from the first answer.
  const [win, setWin] = useState<SheetWindow | null | undefined>(undefined);
  const [text, setText] = useState('');
  const filled = useRef(false);
  useEffect(() => {
    let live = true;
    windowAt(tables, target.sheet, target.row, target.col).then(
      (w) => {
        if (!live) return;
        setWin(w);
        const c = w?.rows.find((r) => r.row === w.target.row)?.cells.find((x) => x.col === w.target.col);
        if (!filled.current && c) setText(shownValue(c));
        filled.current = true;
      },
      () => live && setWin(null),
    );
    return () => {
      live = false;
    };
  }, [windowAt, tables, target.sheet, target.row, target.col]);
  const cell = win?.rows.find((r) => r.row === win.target.row)?.cells.find((c) => c.col === win.target.col) ?? null;
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cellName = a1(target.row, target.col);
  const still = findings.filter((f) => f.sheet === target.sheet && f.row === target.row && f.col === target.col);
  const isFormula = !!cell?.formula;

  const save = async () => {
    if (!cell) return;
    setError(null);
    try {
      await onSave([{ sheet: target.sheet, row: target.row, col: target.col, value: typedValue(text, cell) }]);
      setSaved(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <>
          <DialogContent className={s.body}>
            <Text>{lang === 'zh' ? finding.message : finding.messageEn}</Text>
            {win === undefined && <Spinner size="tiny" />}
            {win === null && <Text>{cw(lang, 'inPlaceNoSheet', { sheet: finding.sheet })}</Text>}
            {win && (
              <table className={s.table} aria-label={`${win.sheet} ${cellName}`}>
                <thead>
                  <tr>
                    <th className={s.rowHead} />
                    {win.columns.map((c) => (
                      <th key={c.col} className={s.th} scope="col" title={c.header}>{c.letter}{c.header ? ` ${c.header}` : ''}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {win.rows.map((r) => (
                    <tr key={r.row}>
                      <th className={s.rowHead} scope="row">{r.row + 1}</th>
                      {r.cells.map((c) => {
                        const isTarget = r.row === win.target.row && c.col === win.target.col;
                        return (
                          <td key={c.col} className={`${s.td} ${isTarget ? s.target : ''}`} aria-current={isTarget ? 'true' : undefined} title={shownValue(c)}>
                            {shownValue(c)}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {isFormula ? (
              <MessageBar intent="info"><MessageBarBody>{cw(lang, 'inPlaceFormula')}</MessageBarBody></MessageBar>
            ) : cell && (
              <Field label={cw(lang, 'inPlaceValue', { cell: cellName })}>
                <Input value={text} onChange={(_, d) => setText(d.value)} onKeyDown={(e) => e.key === 'Enter' && void save()} />
              </Field>
            )}
            {busy && <Spinner size="tiny" label={cw(lang, 'inPlaceChecking')} />}
            {error && <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
            {saved && !busy && (still.length === 0 ? (
              <MessageBar intent="success"><MessageBarBody>{cw(lang, 'inPlaceCleared', { cell: cellName })}</MessageBarBody></MessageBar>
            ) : (
              <MessageBar intent="warning">
                <MessageBarBody>
                  {cw(lang, 'inPlaceStill')}
                  {still.map((f) => <Text block key={f.code}>{lang === 'zh' ? f.message : f.messageEn}</Text>)}
                </MessageBarBody>
              </MessageBar>
            ))}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose}>{cw(lang, 'inPlaceClose')}</Button>
            {!isFormula && cell && (
              <Button appearance="primary" disabled={busy} onClick={() => void save()}>{cw(lang, 'inPlaceSave')}</Button>
            )}
          </DialogActions>
    </>
  );
}
