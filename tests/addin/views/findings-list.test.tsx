import { describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MotionBehaviourProvider } from '@fluentui/react-motion';
import { FindingsList, ITEMS_PER_SLICE } from '../../../addin/src/views/FindingsList';
import type { Finding } from '../../../shared/findings/finding';
import type { FindingCode, Severity } from '../../../shared/findings/codes';

/** n findings of one code, each on its own row of 登记表 (column H), as the checker names them. */
function many(code: FindingCode, severity: Severity, n: number, firstRow = 3): Finding[] {
  return Array.from({ length: n }, (_, i) => ({
    code, severity, sheet: '登记表', cell: `H${firstRow + i + 1}`, row: firstRow + i, col: 7,
    member: `党员${i + 1}`, message: `第${i + 1}条`, messageEn: `item ${i + 1}`, fix: null,
  }));
}

function renderList(findings: Finding[]) {
  const onSelect = vi.fn();
  const utils = render(
    <MotionBehaviourProvider value="skip">
      <FindingsList findings={findings} cellValue={() => null} onSelect={onSelect} onFix={async () => {}} />
    </MotionBehaviourProvider>,
  );
  return { ...utils, onSelect };
}

const gotoButtons = (root: HTMLElement) => root.querySelectorAll('button[data-goto]');

describe('FindingsList with many findings (issue 14: no long task on the UI thread)', () => {
  it('opens the first group with its items; a closed group shows its count and builds none', () => {
    const findings = [...many('ID_CHECKSUM', 'error', 3), ...many('UNPAID', 'warning', 40, 100)];
    const { container } = renderList(findings);
    expect(screen.getByRole('button', { name: '错误 3' })).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('button', { name: '警告 40' })).toHaveAttribute('aria-expanded', 'false');
    const section = screen.getByRole('region', { name: / ID_CHECKSUM$/ });
    expect(within(section).getAllByRole('button', { name: /^定位到 登记表!H\d+/ })).toHaveLength(3);
    // The closed group's 40 items are not built at all.
    expect(screen.queryByRole('region', { name: / UNPAID$/ })).toBeNull();
    expect(gotoButtons(container)).toHaveLength(3);
  });

  it('mounts a long kind in slices until every item is there, in order', async () => {
    const n = ITEMS_PER_SLICE * 2 + 37;
    const { container } = renderList(many('UNPAID', 'warning', n));
    // The first render holds the first slice only, the list marked busy while the rest comes.
    const section = screen.getByRole('region', { name: / UNPAID$/ });
    const list = section.querySelector('ul')!;
    expect(gotoButtons(container).length).toBe(ITEMS_PER_SLICE);
    expect(list.getAttribute('aria-busy')).toBe('true');
    await waitFor(() => expect(gotoButtons(container)).toHaveLength(n));
    expect(list.hasAttribute('aria-busy')).toBe(false);
    const labels = [...gotoButtons(container)].map((b) => b.getAttribute('data-goto'));
    expect(labels[0]).toBe('登记表!H4!UNPAID');
    expect(labels[n - 1]).toBe(`登记表!H${n + 3}!UNPAID`);
    expect(new Set(labels).size).toBe(n);
  });

  it('a click on an item of a later slice goes to that finding', async () => {
    const findings = many('UNPAID', 'warning', ITEMS_PER_SLICE + 5);
    const { container, onSelect } = renderList(findings);
    await waitFor(() => expect(gotoButtons(container)).toHaveLength(findings.length));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: new RegExp(`^定位到 登记表!H${ITEMS_PER_SLICE + 6}:`) }));
    expect(onSelect).toHaveBeenCalledWith(findings[ITEMS_PER_SLICE + 2]);
  });

  it('a group opened by the clerk builds its items, and closing it drops them', async () => {
    const findings = [...many('ID_CHECKSUM', 'error', 2), ...many('UNPAID', 'warning', 12, 50)];
    const { container } = renderList(findings);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '警告 12' }));
    const section = await screen.findByRole('region', { name: / UNPAID$/ });
    expect(within(section).getAllByRole('button', { name: /^定位到/ })).toHaveLength(12);
    await user.click(screen.getByRole('button', { name: '错误 2' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: / ID_CHECKSUM$/ })).toBeNull());
    expect(gotoButtons(container)).toHaveLength(12);
  });

  it('a new result with fewer findings keeps the list mounted and shows what is left', async () => {
    const before = many('UNPAID', 'warning', ITEMS_PER_SLICE + 20);
    const { container, rerender } = renderList(before);
    await waitFor(() => expect(gotoButtons(container)).toHaveLength(before.length));
    const after = before.slice(10);
    await act(async () => {
      rerender(
        <MotionBehaviourProvider value="skip">
          <FindingsList findings={after} cellValue={() => null} onSelect={() => {}} onFix={async () => {}} />
        </MotionBehaviourProvider>,
      );
    });
    // Everything left at once: what was shown stays shown, no jump back to the first slice.
    expect(gotoButtons(container)).toHaveLength(after.length);
    expect(gotoButtons(container)[0]!.getAttribute('data-goto')).toBe('登记表!H14!UNPAID');
  });
});

describe('FindingsList items of one kind on one cell', () => {
  it('lists both, each once, when one cell has a kind twice (two missing columns at A1)', async () => {
    const at = { sheet: '花名册', cell: 'A1', row: 0, col: 0, severity: 'error' as const, fix: null };
    const two: Finding[] = [
      { ...at, code: 'COLUMN_MISSING', message: '缺少列：姓名', messageEn: 'Missing column: name' },
      { ...at, code: 'COLUMN_MISSING', message: '缺少列：公民身份号码', messageEn: 'Missing column: ID number' },
    ];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const { container, rerender } = renderList(two);
      // The list changes (a re-check gives the two in the other order): still each once.
      rerender(
        <MotionBehaviourProvider value="skip">
          <FindingsList findings={[two[1]!, two[0]!]} cellValue={() => null} onSelect={() => {}} onFix={async () => {}} />
        </MotionBehaviourProvider>,
      );
      const texts = [...gotoButtons(container)].map((b) => b.textContent ?? '');
      expect(texts.filter((t) => t.includes('缺少列：姓名'))).toHaveLength(1);
      expect(texts.filter((t) => t.includes('缺少列：公民身份号码'))).toHaveLength(1);
      expect(errors.mock.calls.some((c) => String(c[0]).includes('same key'))).toBe(false);
    } finally {
      errors.mockRestore();
    }
  });
});
