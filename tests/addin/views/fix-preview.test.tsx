// The fix preview's 原值 column while the plan is on its way: a cell the pane holds shows its
// value; one below the rows browser mode holds (issue 14) shows "…", never an empty cell that
// would read as "this cell is blank".
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { MotionBehaviourProvider } from '@fluentui/react-motion';
import { FixPreviewDialog, type PlanState } from '../../../addin/src/views/FixPreviewDialog';
import type { Finding } from '../../../shared/findings/finding';
import type { CellValue } from '../../../shared/grid';

const HELD_ROWS = 40;

function finding(row: number, fix: number): Finding {
  return {
    code: 'UNDERPAID', severity: 'warning', sheet: '登记表', cell: `H${row + 1}`, row, col: 7,
    member: '张三', message: '少交', messageEn: 'underpaid', fix,
  };
}

/** The pane's own cells: rows 0..39 held (each H cell holds its row number), the rest not. */
const cellValue = (_sheet: string, row: number): CellValue | undefined => (row < HELD_ROWS ? row * 10 : undefined);

function cellsOf(plan: PlanState): string[][] {
  render(
    <MotionBehaviourProvider value="skip">
      <FixPreviewDialog open findings={[finding(5, 60), finding(52, 90)]} cellValue={cellValue} plan={plan} onCancel={() => {}} onApply={() => {}} />
    </MotionBehaviourProvider>,
  );
  const table = screen.getByRole('table', { name: '将要修改的单元格' });
  return within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent ?? ''));
}

describe('FixPreviewDialog before the plan arrives', () => {
  it('shows a held cell’s value and "…" for a cell below the held rows while the plan is computed', () => {
    const rows = cellsOf({ status: 'busy' });
    expect(rows.map((r) => r[0])).toEqual(['登记表!H6', '登记表!H53']);
    expect(rows[0]![2]).toBe('50');
    expect(rows[1]![2]).toBe('…');
  });

  it('shows nothing for a cell it does not hold when no plan is coming', () => {
    const rows = cellsOf({ status: 'idle' });
    expect(rows[0]![2]).toBe('50');
    expect(rows[1]![2]).toBe('');
  });
});
