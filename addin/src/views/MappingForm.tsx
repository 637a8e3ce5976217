/**
 * Asked once when headers are not recognised: for a sheet, what it is (roster or register),
 * which row holds the headers and which column holds which field. The answer is the checker's
 * own ColumnMapping, saved in the workbook's settings.
 */
import { useState } from 'react';
import { Button, Field, Select, SpinButton, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ColumnMapping, SheetMapping, TableKind } from '../../../shared/recognise/mapping';
import type { FieldKey } from '../../../shared/recognise/fields';
import { FIELD_NAMES } from '../../../shared/recognise/fields';
import type { Grid } from '../../../shared/grid';
import { useI18n } from '../i18n/i18n';

export const MAPPING_FIELDS: Record<TableKind, FieldKey[]> = {
  roster: ['name', 'idNumber', 'gender', 'ethnicity', 'birthDate', 'memberClass', 'joinDate', 'fullDate', 'standing'],
  register: ['name', 'idNumber', 'category', 'base', 'rate', 'due', 'paidTotal'],
};

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export interface MappingFormProps {
  grids: Grid[];
  initial?: ColumnMapping | null;
  onSave: (m: ColumnMapping) => void;
}

/** Text of a sheet row (0-based sheet row) as header labels, indexed by 0-based sheet column. */
export function headersAt(grid: Grid, sheetRow: number): { col: number; text: string }[] {
  const o = grid.origin ?? { row: 0, col: 0 };
  const row = grid.values[sheetRow - o.row] ?? [];
  return row.map((v, i) => ({ col: o.col + i, text: v === null ? '' : String(v) }));
}

export function MappingForm({ grids, initial, onSave }: MappingFormProps) {
  const { t, lang } = useI18n();
  const s = useStyles();
  const usable = grids.filter((g) => g.values.length > 0);
  const [sheet, setSheet] = useState(usable[0]?.name ?? '');
  const [map, setMap] = useState<ColumnMapping>(initial ?? {});
  const grid = usable.find((g) => g.name === sheet);
  const current: SheetMapping = map[sheet] ?? { kind: 'roster', headerRow: grid?.origin?.row ?? 0, columns: {} };
  const headers = grid ? headersAt(grid, current.headerRow) : [];
  const update = (m: Partial<SheetMapping>) => setMap({ ...map, [sheet]: { ...current, ...m } });

  return (
    <form
      className={s.form}
      aria-label={t('mappingTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        onSave(map);
      }}
    >
      <Text weight="semibold">{t('mappingTitle')}</Text>
      <Text size={200}>{t('mappingHint')}</Text>
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
      {MAPPING_FIELDS[current.kind].map((f) => {
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
    </form>
  );
}
