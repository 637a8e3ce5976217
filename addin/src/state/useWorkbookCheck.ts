/**
 * The check cycle: read the workbook, check it off-thread, mark the findings; re-read only
 * the edited rows when the clerk types (debounced), then check and mark again.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CellValue, Grid } from '../../../shared/grid';
import type { Finding } from '../../../shared/findings/finding';
import type { ColumnMapping } from '../../../shared/recognise/mapping';
import { withCommitteeTemplates, type AppliedTemplate, type CommitteeTemplate } from '../../../shared/mapping/fingerprint';
import type { CommitteeSettings } from '../../../shared/settings';
import type { YearRecords } from '../../../shared/approvals/apply';
import type { CheckResult } from '../check/engine';
import type { CheckRunner } from '../check/runner';
import type { CellFix, RowChange, WorkbookHost } from '../host/workbookHost';
import { isFileHost, spliceRows } from '../host/workbookHost';
import { workbookBranchName } from '../../../shared/recognise/branch-name';

export type CheckStage = 'reading' | 'checking' | 'marking' | 'rechecking';

export type CheckState =
  | { status: 'idle' }
  | { status: 'busy'; stage: CheckStage; done: number; total: number }
  | { status: 'done'; result: CheckResult }
  | { status: 'error'; message: string };

export interface CheckOptions {
  asOf: string;
  /** The real date: a submission's report date follows from it (shared/submission/prepare.ts). */
  today?: string;
  settings?: CommitteeSettings;
  mapping?: ColumnMapping;
  /** The committee's mappings by template: used for a sheet the workbook's own mapping does not name (issue 12). */
  committee?: readonly CommitteeTemplate[];
  /** The branch's approvals and transfers (signed in as its clerk); a change re-checks the grids read. */
  records?: YearRecords;
}

export const EDIT_DEBOUNCE_MS = 800;

export function useWorkbookCheck(host: WorkbookHost, runner: CheckRunner, opts: CheckOptions) {
  const [state, setState] = useState<CheckState>({ status: 'idle' });
  const grids = useRef<Grid[] | null>(null);
  const optsRef = useRef(opts);
  useEffect(() => {
    optsRef.current = opts;
  }, [opts]);
  const [hasResult, setHasResult] = useState(false);
  /** The last grids read, as plain data (for the fix preview and the mapping form); of a file host, each sheet's first rows. */
  const [snapshot, setSnapshot] = useState<Grid[]>([]);
  /** The committee's mappings the last check used, and the mapping it ran with (the workbook's own first). */
  const checkedWith = useRef<readonly CommitteeTemplate[] | undefined>(undefined);
  const [applied, setApplied] = useState<{ templates: AppliedTemplate[]; mapping: ColumnMapping | undefined }>({ templates: [], mapping: undefined });

  const checkAndMark = useCallback(
    async (gs: Grid[], asOf?: string): Promise<CheckResult> => {
      const o = optsRef.current;
      setSnapshot(gs);
      setState({ status: 'busy', stage: 'checking', done: 0, total: 1 });
      // Precedence: the workbook's own mapping > the committee's (by template) > the checker's guess.
      checkedWith.current = o.committee;
      const resolved = withCommitteeTemplates(gs, o.mapping, o.committee ?? []);
      const mapping = resolved.applied.length ? resolved.mapping : o.mapping;
      setApplied({ templates: resolved.applied, mapping });
      const result = await runner.run({ grids: gs, asOf: asOf ?? o.asOf, ...(o.today ? { today: o.today } : {}), settings: o.settings, mapping, ...(o.records ? { records: o.records } : {}) });
      setState({ status: 'busy', stage: 'marking', done: 0, total: 1 });
      await host.clearMarks();
      await host.markFindings(result.findings.map((f: Finding) => ({ sheet: f.sheet, row: f.row, col: f.col, severity: f.severity })));
      setState({ status: 'done', result });
      setHasResult(true);
      return result;
    },
    [host, runner],
  );

  /** Reads everything and checks; returns the result (also for a pre-submission re-check). */
  const run = useCallback(
    async (asOf?: string): Promise<CheckResult | null> => {
      try {
        setState({ status: 'busy', stage: 'reading', done: 0, total: 1 });
        const gs = await host.readGrids((done, total) => setState({ status: 'busy', stage: 'reading', done, total }));
        grids.current = gs;
        return await checkAndMark(gs, asOf);
      } catch (e) {
        setState({ status: 'error', message: e instanceof Error ? e.message : String(e) });
        return null;
      }
    },
    [host, checkAndMark],
  );

  const applyFixes = useCallback(
    async (fixes: CellFix[]) => {
      await host.applyFixes(fixes);
      return run();
    },
    [host, run],
  );

  // Edits: collect changed rows, wait until the clerk pauses, re-read only those rows.
  useEffect(() => {
    if (!hasResult) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let changes: RowChange[] = [];
    const flush = async () => {
      const batch = changes;
      changes = [];
      if (!grids.current) return;
      try {
        setState({ status: 'busy', stage: 'rechecking', done: 0, total: batch.length });
        let gs = grids.current;
        for (const c of batch) {
          const patch = await host.readRows(c.sheet, c.firstRow, c.lastRow);
          gs = gs.map((g) => (g.name === c.sheet ? spliceRows(g, patch) : g));
        }
        grids.current = gs;
        await checkAndMark(gs);
      } catch (e) {
        setState({ status: 'error', message: e instanceof Error ? e.message : String(e) });
      }
    };
    const off = host.onChanged((c) => {
      changes.push(c);
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void flush(), EDIT_DEBOUNCE_MS);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [host, hasResult, checkAndMark]);

  // The committee's mappings arrive after sign-in: the grids already read are checked again with them.
  const committee = opts.committee;
  useEffect(() => {
    if (!hasResult || !grids.current || checkedWith.current === committee) return;
    void checkAndMark(grids.current).catch((e: unknown) => setState({ status: 'error', message: e instanceof Error ? e.message : String(e) }));
  }, [committee, hasResult, checkAndMark]);
  // Records fetched or changed (an approval confirmed, withdrawn) after a check: check the same grids again.
  const records = opts.records;
  const seenRecords = useRef(records);
  useEffect(() => {
    if (seenRecords.current === records) return;
    seenRecords.current = records;
    if (!hasResult || !grids.current) return;
    void checkAndMark(grids.current).catch((e: unknown) => setState({ status: 'error', message: e instanceof Error ? e.message : String(e) }));
  }, [records, hasResult, checkAndMark]);

  const reset = useCallback(() => {
    grids.current = null;
    setSnapshot([]);
    setApplied({ templates: [], mapping: undefined });
    setHasResult(false);
    setState({ status: 'idle' });
  }, []);

  // undefined: a row the snapshot does not hold (browser mode holds each sheet's first rows only,
  // issue 14), so the caller says "being read" rather than showing the cell as empty.
  const cellValue = useCallback(
    (sheet: string, row: number, col: number): CellValue | undefined => {
      const g = snapshot.find((x) => x.name === sheet);
      if (!g) return null;
      const o = g.origin ?? { row: 0, col: 0 };
      if (row - o.row >= g.values.length) return undefined;
      return g.values[row - o.row]?.[col - o.col] ?? null;
    },
    [snapshot],
  );

  // Wrong-branch guard: the branch the workbook names. A file host says it (its grids are in the
  // check worker; the snapshot holds each sheet's first rows, and the 所在党支部 column counts all).
  const workbookBranch = useMemo(() => (isFileHost(host) ? host.workbookBranch() : workbookBranchName(snapshot)), [host, snapshot]);

  return { state, run, applyFixes, reset, grids: snapshot, cellValue, workbookBranch, committeeApplied: applied.templates, effectiveMapping: applied.mapping };
}
