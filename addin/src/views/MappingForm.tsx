/**
 * Asked once when headers are not recognised: for a sheet, what it is (roster or register),
 * which row holds the headers and which column holds which field, and for a register how its
 * months are laid out (month columns, one row per member and month, payment ranges, a year's
 * totals, one sheet per month or per member). The answer is the checker's own ColumnMapping,
 * saved in the workbook's settings (browser mode: for as long as the page is open; the form says
 * which) — the same JSON `duesbook check --mapping` reads. It opens on the header row the checker
 * found, with the columns it recognised already chosen (mappingStart.ts). Finance or an
 * administrator of the 党委 may also save the sheet's mapping for the whole committee, after a
 * confirmation (CommitteeSave; keyed by the template, shared/mapping/fingerprint.ts).
 */
import { useEffect, useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Select, SpinButton, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ColumnMapping, RegisterLayout, SheetMapping, TableKind } from '../../../shared/recognise/mapping';
import type { FieldKey } from '../../../shared/recognise/fields';
import { FIELD_NAMES } from '../../../shared/recognise/fields';
import type { Grid } from '../../../shared/grid';
import { useI18n } from '../i18n/i18n';
import { cw } from '../i18n/clerkWords';
import { startMapping, type StartTable } from './mappingStart';

export const MAPPING_FIELDS: Record<TableKind, FieldKey[]> = {
  roster: ['name', 'idNumber', 'gender', 'ethnicity', 'birthDate', 'memberClass', 'joinDate', 'fullDate', 'standing'],
  register: ['name', 'idNumber', 'category', 'base', 'rate', 'due', 'paidTotal'],
};

/** The register fields each layout asks for (month columns are recognised from their headers). */
export const LAYOUT_MAPPING_FIELDS: Record<RegisterLayout, FieldKey[]> = {
  wide: MAPPING_FIELDS.register,
  monthRows: ['name', 'idNumber', 'category', 'base', 'rate', 'due', 'year', 'month', 'paid', 'payKind'],
  range: ['name', 'idNumber', 'category', 'base', 'rate', 'due', 'monthRange', 'startMonth', 'endMonth', 'monthCount', 'paid'],
  annual: ['name', 'idNumber', 'category', 'base', 'rate', 'due', 'dueTotal', 'paidTotal'],
  memberSheet: ['month', 'due', 'paid', 'base', 'rate'],
};

/** How clerks name each layout (Chinese first). */
export const LAYOUT_NAMES: Record<RegisterLayout, { zh: string; en: string }> = {
  wide: { zh: '各月分列（1月…12月）', en: 'Months as columns' },
  monthRows: { zh: '每人每月一行（年份、月份）', en: 'One row per member and month' },
  range: { zh: '按缴费起止月份记录', en: 'Payment records over a range of months' },
  annual: { zh: '年度汇总（全年应缴/实缴）', en: 'Annual summary (year totals)' },
  memberSheet: { zh: '每人一张表（月份为行）', en: 'One sheet per member' },
};

const WORDS = {
  layout: { zh: '登记表格式', en: 'Register layout' },
  month: { zh: '本表月份（如 2026-07，每月一张表时填写）', en: "The sheet's month (e.g. 2026-07, one sheet per month)" },
  member: { zh: '本表党员姓名', en: "The member this sheet is for" },
};

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export interface MappingFormProps {
  grids: Grid[];
  initial?: ColumnMapping | null;
  onSave: (m: ColumnMapping) => void;
  /** The tables the last check recognised: the form starts from their header rows and columns. */
  tables?: readonly StartTable[];
  /** Where a saved mapping is kept: in the workbook (Excel, WPS) or only while the page is open (browser mode). */
  keptIn?: 'workbook' | 'session';
  /** Finance or an administrator of the 党委 signed in: save the sheet's mapping for the committee (answers the saved label). */
  saveForCommittee?: ((grid: Grid, m: SheetMapping, label: string) => Promise<string>) | null;
  /**
   * Rows the grids do not hold, asked of the host: browser mode keeps only each sheet's first
   * rows on the UI thread (issue 14), so a header row typed further down is read from where the
   * whole workbook is kept.
   */
  readRows?: ((sheet: string, firstRow: number, lastRow: number) => Promise<Grid>) | null;
}

/** Whether the grid holds the 0-based sheet row (a grid may start at an origin and stop early). */
function holdsRow(grid: Grid, sheetRow: number): boolean {
  const r = sheetRow - (grid.origin?.row ?? 0);
  return r >= 0 && r < grid.values.length;
}

/**
 * The grid to read the header row from: the form's own when it holds the row, else that one row
 * asked of the host (null while it is on its way, or when nothing can be asked).
 */
function useHeaderGrid(grid: Grid | undefined, sheetRow: number, readRows: MappingFormProps['readRows']): Grid | undefined {
  const held = !grid || holdsRow(grid, sheetRow);
  const [far, setFar] = useState<{ sheet: string; row: number; grid: Grid } | null>(null);
  const sheet = grid?.name ?? '';
  const have = far !== null && far.sheet === sheet && far.row === sheetRow;
  useEffect(() => {
    if (held || have || !readRows) return;
    // Kept by sheet and row, so an answer that comes after the clerk moved on is simply not shown.
    readRows(sheet, sheetRow, sheetRow).then((g) => setFar({ sheet, row: sheetRow, grid: g }), () => undefined);
  }, [held, have, readRows, sheet, sheetRow]);
  if (held) return grid;
  return have ? far.grid : undefined;
}

/** 保存为全党委通用设置: a label, then a confirmation saying what it does; the outcome in words. */
function CommitteeSave({ save }: { save: (label: string) => Promise<string> }) {
  const { lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  if (!open) {
    return (
      <>
        <Button type="button" onClick={() => { setSaid(null); setOpen(true); }}>{cw(lang, 'mappingCommitteeSave')}</Button>
        {said && (
          <MessageBar intent={said.ok ? 'success' : 'error'}>
            <MessageBarBody>{said.text}</MessageBarBody>
          </MessageBar>
        )}
      </>
    );
  }
  return (
    <div role="group" aria-label={cw(lang, 'mappingCommitteeSave')}>
      <Text block size={200}>{cw(lang, 'mappingCommitteeConfirm')}</Text>
      <Field label={cw(lang, 'mappingCommitteeLabel')}>
        {/* Enter here must not submit the form (that saves to the workbook). */}
        <Input value={label} maxLength={60} onChange={(_, d) => setLabel(d.value)} onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()} />
      </Field>
      <Button
        type="button"
        appearance="primary"
        disabled={busy || !label.trim()}
        onClick={() => {
          setBusy(true);
          save(label.trim()).then(
            (saved) => setSaid({ ok: true, text: cw(lang, 'mappingCommitteeSaved', { label: saved }) }),
            (e: unknown) => setSaid({ ok: false, text: cw(lang, 'mappingCommitteeFailed', { reason: e instanceof Error ? e.message : String(e) }) }),
          ).finally(() => {
            setBusy(false);
            setOpen(false);
          });
        }}
      >
        {cw(lang, 'mappingCommitteeConfirmButton')}
      </Button>
      <Button type="button" onClick={() => setOpen(false)}>{cw(lang, 'mappingCommitteeCancel')}</Button>
    </div>
  );
}

/** Text of a sheet row (0-based sheet row) as header labels, indexed by 0-based sheet column. */
export function headersAt(grid: Grid, sheetRow: number): { col: number; text: string }[] {
  const o = grid.origin ?? { row: 0, col: 0 };
  const row = grid.values[sheetRow - o.row] ?? [];
  return row.map((v, i) => ({ col: o.col + i, text: v === null ? '' : String(v) }));
}

/** The sheet's month as typed: kept as text while incomplete, passed on once it reads as YYYY-MM. */
function MonthInput({ label, initial, onMonth }: { label: string; initial: string; onMonth: (m: string | null) => void }) {
  const [text, setText] = useState(initial);
  return (
    <Input
      aria-label={label}
      value={text}
      placeholder="2026-07"
      onChange={(_, d) => {
        setText(d.value);
        onMonth(/^\d{4}-(0[1-9]|1[0-2])$/.test(d.value.trim()) ? d.value.trim() : null);
      }}
    />
  );
}

/** The fields the form offers for a sheet mapping (its kind and layout). */
function offered(m: SheetMapping): FieldKey[] {
  return m.kind === 'register' ? LAYOUT_MAPPING_FIELDS[m.layout ?? 'wide'] : MAPPING_FIELDS.roster;
}

export function MappingForm({ grids, initial, onSave, tables = [], keptIn = 'workbook', saveForCommittee = null, readRows = null }: MappingFormProps) {
  const { t, lang } = useI18n();
  const s = useStyles();
  const usable = grids.filter((g) => g.values.length > 0);
  // Open on a sheet the checker did not recognise, if any: that is the one to map.
  const [sheet, setSheet] = useState(() => (usable.find((g) => !tables.some((tb) => tb.sheet === g.name)) ?? usable[0])?.name ?? '');
  const [map, setMap] = useState<ColumnMapping>(initial ?? {});
  /** Sheets the clerk changed: only they are saved (a sheet recognised on its own stays so). */
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set(Object.keys(initial ?? {})));
  const grid = usable.find((g) => g.name === sheet);
  const start = (): SheetMapping => {
    if (!grid) return { kind: 'roster', headerRow: 0, columns: {} };
    const m = startMapping(grid, tables.find((tb) => tb.sheet === sheet));
    const keep = new Set(offered(m));
    m.columns = Object.fromEntries(Object.entries(m.columns).filter(([f]) => keep.has(f as FieldKey)));
    return m;
  };
  const current: SheetMapping = map[sheet] ?? start();
  const prefilled = !map[sheet] && Object.keys(current.columns).length > 0;
  const headerGrid = useHeaderGrid(grid, current.headerRow, readRows);
  const headers = headerGrid ? headersAt(headerGrid, current.headerRow) : [];
  const setSheetMapping = (m: SheetMapping) => {
    setMap({ ...map, [sheet]: m });
    setTouched(new Set([...touched, sheet]));
  };
  const update = (m: Partial<SheetMapping>) => setSheetMapping({ ...current, ...m });

  return (
    <form
      className={s.form}
      aria-label={t('mappingTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        // The sheet on screen counts as confirmed even untouched: its prefilled columns are what the clerk saw.
        const all: ColumnMapping = { ...map, ...(map[sheet] || !grid ? {} : { [sheet]: current }) };
        onSave(Object.fromEntries(Object.entries(all).filter(([name]) => touched.has(name) || name === sheet)));
      }}
    >
      <Text weight="semibold">{t('mappingTitle')}</Text>
      <Text size={200}>{t('mappingHint')}</Text>
      <Text size={200}>{cw(lang, keptIn === 'session' ? 'mappingKeptSession' : 'mappingKeptWorkbook')}</Text>
      {prefilled && <Text size={200}>{cw(lang, 'mappingDetected', { row: current.headerRow + 1 })}</Text>}
      <Field label={t('mappingSheet')}>
        <Select value={sheet} onChange={(_, d) => setSheet(d.value)}>
          {usable.map((g) => (
            <option key={g.name} value={g.name}>{g.name}</option>
          ))}
        </Select>
      </Field>
      <Field label={t('mappingKind')}>
        <Select value={current.kind} onChange={(_, d) => update({ kind: d.value as TableKind, columns: {} })}>
          <option value="roster">{t('kind_roster')}</option>
          <option value="register">{t('kind_register')}</option>
        </Select>
      </Field>
      <Field label={t('mappingHeaderRow')}>
        <SpinButton
          min={1}
          value={current.headerRow + 1}
          onChange={(_, d) => {
            const v = d.value ?? Number(d.displayValue);
            if (Number.isFinite(v) && v >= 1) update({ headerRow: Number(v) - 1 });
          }}
        />
      </Field>
      {current.kind === 'register' && (
        <Field label={WORDS.layout[lang]}>
          <Select
            aria-label={WORDS.layout[lang]}
            value={current.layout ?? 'wide'}
            onChange={(_, d) => {
              const layout = d.value as RegisterLayout;
              const next: SheetMapping = { kind: current.kind, headerRow: current.headerRow, columns: {}, layout };
              if (current.year !== undefined) next.year = current.year;
              setSheetMapping(next);
            }}
          >
            {(Object.keys(LAYOUT_NAMES) as RegisterLayout[]).map((l) => (
              <option key={l} value={l}>{LAYOUT_NAMES[l][lang]}</option>
            ))}
          </Select>
        </Field>
      )}
      {current.kind === 'register' && current.layout === 'monthRows' && (
        <Field label={WORDS.month[lang]}>
          <MonthInput
            key={sheet}
            label={WORDS.month[lang]}
            initial={current.month ?? ''}
            onMonth={(month) => {
              const next = { ...current };
              if (month) next.month = month;
              else delete next.month;
              setSheetMapping(next);
            }}
          />
        </Field>
      )}
      {current.kind === 'register' && current.layout === 'memberSheet' && (
        <Field label={WORDS.member[lang]}>
          <Input
            aria-label={WORDS.member[lang]}
            value={current.member ?? ''}
            onChange={(_, d) => {
              const next = { ...current };
              if (d.value.trim()) next.member = d.value.trim();
              else delete next.member;
              setSheetMapping(next);
            }}
          />
        </Field>
      )}
      {(current.kind === 'register' ? LAYOUT_MAPPING_FIELDS[current.layout ?? 'wide'] : MAPPING_FIELDS.roster).map((f) => {
        const label = FIELD_NAMES[f][lang];
        return (
          <Field key={f} label={label}>
            <Select
              aria-label={label}
              value={String(current.columns[f] ?? '')}
              onChange={(_, d) => {
                const columns = { ...current.columns };
                if (d.value === '') delete columns[f];
                else columns[f] = Number(d.value);
                update({ columns });
              }}
            >
              <option value="">{t('mappingNone')}</option>
              {headers.map((h) => (
                <option key={h.col} value={String(h.col)}>{h.text || `#${h.col + 1}`}</option>
              ))}
            </Select>
          </Field>
        );
      })}
      <Button type="submit" appearance="primary">{t('mappingSave')}</Button>
      {saveForCommittee && headerGrid && <CommitteeSave key={sheet} save={(label) => saveForCommittee(headerGrid, current, label)} />}
    </form>
  );
}
