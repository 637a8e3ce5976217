/** The clerk's main view: open (browser) or read (Excel) the workbook, check it, see and fix findings. */
import { memo, startTransition, useCallback, useDeferredValue, useRef, useState } from 'react';
import type { CheckResult } from '../check/engine';
import { notXlsx } from '../../../shared/xlsx/file-kind';
import {
  Button, Field, Input, MessageBar, MessageBarBody, ProgressBar, Text, makeStyles, shorthands, tokens,
} from '@fluentui/react-components';
import type { Finding } from '../../../shared/findings/finding';
import type { CellValue } from '../../../shared/grid';
import type { CellFix, WorkbookHost } from '../host/workbookHost';
import { isFileHost } from '../host/workbookHost';
import type { CheckState } from '../state/useWorkbookCheck';
import { useI18n } from '../i18n/i18n';
import { FindingsList } from './FindingsList';
import type { Grid } from '../../../shared/grid';
import type { FixPlan } from '../../../shared/fix/plan';
import type { ColumnMapping } from '../../../shared/recognise/mapping';
import { MappingForm, type MappingFormProps } from './MappingForm';
import { FindingInPlace } from './FindingInPlace';
import type { WindowTable } from '../file/sheetWindow';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  drop: {
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalL,
    textAlign: 'center',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    alignItems: 'center',
  },
  dropActive: { ...shorthands.borderColor(tokens.colorBrandStroke1), backgroundColor: tokens.colorBrandBackground2 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
});

export interface CheckViewProps {
  host: WorkbookHost;
  state: CheckState;
  asOf: string;
  onAsOf: (d: string) => void;
  onRun: () => void;
  onFix: (fixes: CellFix[]) => Promise<void>;
  onFileOpened: () => void;
  cellValue: (sheet: string, row: number, col: number) => CellValue | undefined;
  mapping: { needed: boolean; grids: Grid[]; current: ColumnMapping | null; onSave: (m: ColumnMapping) => void; saveForCommittee?: MappingFormProps['saveForCommittee'] };
  notice: string | null;
  /** What fixing some findings of the shown check will do (worked out where its grids are: CheckRunner.plan). */
  planFixes?: (list: Finding[]) => Promise<{ plan: FixPlan; lines: string[] }>;
}

function saveBytes(bytes: ArrayBuffer, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** File.arrayBuffer where the platform has it (browsers), FileReader otherwise (older webviews, jsdom). */
function readBytes(file: File): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result as ArrayBuffer);
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsArrayBuffer(file);
  });
}

/**
 * Memoised: App re-renders on every change of its state (the submission, the session, the banner);
 * CheckView re-renders only when a prop it shows changes, App keeping their identity (issue 14).
 */
export const CheckView = memo(function CheckView(p: CheckViewProps) {
  const { t, lang } = useI18n();
  const s = useStyles();
  // While a re-check runs (after a fix or an edit) the last findings stay on screen, so the list
  // keeps its scroll position, open groups and focus.
  const [lastResult, setLastResult] = useState<CheckResult | null>(null);
  const [dragging, setDragging] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const { host, state } = p;
  // Reading a dropped file (in the check worker) shows progress from the first moment.
  const [opening, setOpening] = useState<{ done: number; total: number } | null>(null);
  // Browser mode: the finding opened in place (its cell in the sheet, to correct there).
  const [inPlace, setInPlace] = useState<Finding | null>(null);
  const busy = state.status === 'busy' || opening !== null;
  // Derived state, updated during render (React's documented pattern for "the previous value").
  const keep = state.status === 'done' ? state.result : busy ? lastResult : null;
  if (keep !== lastResult) setLastResult(keep);
  // The result renders as a transition: React builds the summary and the findings in 5 ms
  // slices, yielding between them, so its arrival is not one long task on the UI thread (issue 14).
  const shown = useDeferredValue(keep, null);

  const windowAt = useCallback(
    (tables: readonly WindowTable[], sheet: string, row: number, col: number) => (isFileHost(host) ? host.windowAt(tables, sheet, row, col) : Promise.resolve(null)),
    [host],
  );

  // Stable, so the mapping form does not ask again for a header row it already has.
  const readRows = useCallback((sheet: string, firstRow: number, lastRow: number) => host.readRows(sheet, firstRow, lastRow), [host]);

  // Stable, so the memoised FindingsList does not re-render with a progress tick of a re-check.
  const selectFinding = useCallback(
    (f: Finding) => {
      void host.selectCell(f.sheet, f.row, f.col);
      // Browser mode has no sheet to go to: the finding opens in place instead.
      if (isFileHost(host)) setInPlace(f);
    },
    [host],
  );
  const closeInPlace = useCallback(() => setInPlace(null), []);

  const open = async (file: File) => {
    if (!isFileHost(host)) return;
    // Progress from the moment the file is chosen, never the empty state (issue 12); rendered as a
    // transition, so the change event's own task stays short (its first render of the bar was 20–40 ms).
    startTransition(() => {
      setFileError(null);
      setLastResult(null);
      setInPlace(null);
      setOpening({ done: 0, total: 1 });
    });
    try {
      const bytes = await readBytes(file);
      // An .xls (or .et, .csv) is not read at all: the clerk is told how to save it as .xlsx.
      const wrong = notXlsx(file.name, new Uint8Array(bytes));
      if (wrong) {
        setOpening(null);
        setFileError(lang === 'zh' ? wrong.zh : wrong.en);
        return;
      }
      await host.open(bytes, file.name, (done, total) => setOpening({ done, total }));
      // The whole pane re-renders for the new workbook (App's state is reset, the check starts):
      // as a transition React renders it in slices, not one 20–50 ms task (issue 14). The
      // reading bar goes in the same render, so no idle state shows in between.
      startTransition(() => {
        setOpening(null);
        p.onFileOpened();
      });
    } catch (e) {
      setOpening(null);
      setFileError(t('fileUnreadable', { reason: e instanceof Error ? e.message : String(e) }));
    }
  };

  const download = async () => {
    if (!isFileHost(host)) return;
    setFileError(null);
    try {
      const { bytes, name } = await host.correctedCopy();
      saveBytes(bytes, name);
    } catch (e) {
      setFileError(t('fileUnreadable', { reason: e instanceof Error ? e.message : String(e) }));
    }
  };

  const downloadMarked = async () => {
    if (!isFileHost(host) || !shown) return;
    setFileError(null);
    try {
      const { bytes, name } = await host.markedCopy(shown.findings, { asOf: shown.asOf, lang });
      saveBytes(bytes, name);
    } catch (e) {
      setFileError(t('fileUnreadable', { reason: e instanceof Error ? e.message : String(e) }));
    }
  };

  return (
    <div className={s.root}>
      {isFileHost(host) && (
        <div
          className={`${s.drop} ${dragging ? s.dropActive : ''}`}
          data-testid="dropzone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            const f = e.dataTransfer.files[0];
            if (f) void open(f);
          }}
        >
          <Text>{host.hasWorkbook() ? t('fileLoaded', { name: host.workbookName() ?? '' }) : t('dropHint')}</Text>
          <input
            ref={inputRef}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            hidden
            data-testid="file-input"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void open(f);
              e.target.value = '';
            }}
          />
          <Button onClick={() => inputRef.current?.click()}>{t('chooseFile')}</Button>
        </div>
      )}
      {fileError && (
        <MessageBar intent="error">
          <MessageBarBody>{fileError}</MessageBarBody>
        </MessageBar>
      )}
      <div className={s.row}>
        <Field label={t('asOf')}>
          <Input type="date" value={p.asOf} onChange={(_, d) => d.value && p.onAsOf(d.value)} />
        </Field>
        <Button appearance="primary" disabled={busy || !host.hasWorkbook()} onClick={p.onRun}>
          {t('runCheck')}
        </Button>
      </div>
      {opening && state.status !== 'busy' && (
        <div role="status" aria-live="polite">
          <Text size={200}>{t('reading')}</Text>
          <ProgressBar aria-label={t('reading')} value={opening.total > 1 ? opening.done / opening.total : undefined} />
        </div>
      )}
      {state.status === 'busy' && (
        <div role="status" aria-live="polite">
          <Text size={200}>{t(state.stage)}</Text>
          <ProgressBar aria-label={t(state.stage)} value={state.total > 1 ? state.done / state.total : undefined} />
        </div>
      )}
      {p.notice && (
        <MessageBar intent="success">
          <MessageBarBody>{p.notice}</MessageBarBody>
        </MessageBar>
      )}
      {state.status === 'error' && (
        <MessageBar intent="error">
          <MessageBarBody>{t('checkFailed', { reason: state.message })}</MessageBarBody>
        </MessageBar>
      )}
      {state.status === 'idle' && !opening && <Text>{host.hasWorkbook() ? t('notChecked') : t('noWorkbook')}</Text>}
      {shown && (
        <>
          <Text role="status">{t('summaryLine', { ...shown.summary })}</Text>
          {p.mapping.needed && (
            <MappingForm
              grids={p.mapping.grids}
              initial={p.mapping.current}
              onSave={p.mapping.onSave}
              tables={shown.tables}
              keptIn={isFileHost(host) ? 'session' : 'workbook'}
              saveForCommittee={p.mapping.saveForCommittee ?? null}
              readRows={readRows}
            />
          )}
          {shown.findings.length === 0 ? (
            <MessageBar intent="success">
              <MessageBarBody>{t('noFindings')}</MessageBarBody>
            </MessageBar>
          ) : (
            <FindingsList
              findings={shown.findings as Finding[]}
              cellValue={p.cellValue}
              onSelect={selectFinding}
              onFix={p.onFix}
              {...(p.planFixes ? { planFixes: p.planFixes } : {})}
            />
          )}
          {isFileHost(host) && (
            <FindingInPlace
              finding={inPlace}
              windowAt={windowAt}
              tables={shown.tables}
              findings={shown.findings as Finding[]}
              busy={busy}
              onSave={p.onFix}
              onClose={closeInPlace}
            />
          )}
          {isFileHost(host) && (
            <div className={s.row}>
              <Button onClick={() => void download()}>{t('downloadCorrected')}</Button>
              <Button onClick={() => void downloadMarked()} title={t('downloadMarkedHint')}>{t('downloadMarked')}</Button>
            </div>
          )}
        </>
      )}
    </div>
  );
});
