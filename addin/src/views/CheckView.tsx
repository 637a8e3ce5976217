/** The clerk's main view: open (browser) or read (Excel) the workbook, check it, see and fix findings. */
import { useRef, useState } from 'react';
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
import type { ColumnMapping } from '../../../shared/recognise/mapping';
import type { Grid } from '../../../shared/grid';
import { MappingForm } from './MappingForm';

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
  cellValue: (sheet: string, row: number, col: number) => CellValue;
  mapping: { needed: boolean; grids: Grid[]; current: ColumnMapping | null; onSave: (m: ColumnMapping) => void };
  notice: string | null;
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

export function CheckView(p: CheckViewProps) {
  const { t } = useI18n();
  const s = useStyles();
  const [dragging, setDragging] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const { host, state } = p;
  // Reading a dropped file (in the check worker) shows progress from the first moment.
  const [opening, setOpening] = useState<{ done: number; total: number } | null>(null);
  const busy = state.status === 'busy' || opening !== null;

  const open = async (file: File) => {
    if (!isFileHost(host)) return;
    setFileError(null);
    try {
      setOpening({ done: 0, total: 1 });
      await host.open(await readBytes(file), file.name, (done, total) => setOpening({ done, total }));
      setOpening(null);
      p.onFileOpened();
    } catch (e) {
      setOpening(null);
      setFileError(t('fileUnreadable', { reason: e instanceof Error ? e.message : String(e) }));
    }
  };

  const download = async () => {
    if (!isFileHost(host)) return;
    const { bytes, name } = await host.correctedCopy();
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
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
      {state.status === 'idle' && <Text>{host.hasWorkbook() ? t('notChecked') : t('noWorkbook')}</Text>}
      {state.status === 'done' && (
        <>
          <Text role="status">{t('summaryLine', { ...state.result.summary })}</Text>
          {p.mapping.needed && (
            <MappingForm grids={p.mapping.grids} initial={p.mapping.current} onSave={p.mapping.onSave} />
          )}
          {state.result.findings.length === 0 ? (
            <MessageBar intent="success">
              <MessageBarBody>{t('noFindings')}</MessageBarBody>
            </MessageBar>
          ) : (
            <FindingsList
              findings={state.result.findings as Finding[]}
              cellValue={p.cellValue}
              onSelect={(f) => void host.selectCell(f.sheet, f.row, f.col)}
              onFix={p.onFix}
            />
          )}
          {isFileHost(host) && (
            <Button onClick={() => void download()}>{t('downloadCorrected')}</Button>
          )}
        </>
      )}
    </div>
  );
}
