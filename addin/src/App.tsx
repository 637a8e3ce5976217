/**
 * The pane: wires the state hooks (state/: the session, the check cycle, the submission, the
 * roll-up's API) to the views and lays them out — header (mode, language), tabs for check /
 * submit / roll-up / sign-in. The host and the API client do the talking.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { FluentProvider, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import { addQuarters, quarterEnd, quarterOf } from '../../shared/quarter';
import { sameBranch } from '../../shared/recognise/branch-name';
import { defaultSubmitQuarter, isQuarterOpen, quarterOpensOn } from '../../shared/submission/window';
import { useReturnNote } from './state/useReturnNote';
import type { ColumnMapping } from '../../shared/recognise/mapping';
import type { Finding } from '../../shared/findings/finding';
import type { FetchFn } from './api/client';
import { ApiError, errorKind } from './api/client';
import type { KeyValueStore } from './api/outbox';
import type { CheckRunner } from './check/runner';
import type { CellFix, WorkbookHost } from './host/workbookHost';
import type { Lang } from './i18n/dictionary';
import { I18nContext, makeI18n } from './i18n/i18n';
import { useRollupApi } from './state/useRollupApi';
import { useSession } from './state/useSession';
import { useSubmission } from './state/useSubmission';
import { useWorkbookCheck } from './state/useWorkbookCheck';
import { useCommitteeMappings } from './state/useCommitteeMappings';
import { CommitteeMappingNote } from './views/CommitteeMappingNote';
import { CheckView } from './views/CheckView';
import { PaneHeader, type PaneTab } from './views/PaneHeader';
import { RollupView } from './views/RollupView';
import { FinanceView } from './views/FinanceView';
import { useFinanceApi } from './state/useFinanceApi';
import { SignInView } from './views/SignInView';
import { SubmitView } from './views/SubmitView';
import { YearView } from './views/YearView';
import { deadlineSettings } from '../../shared/deadline';
import { useDueBanner } from './state/useDueBanner';
import { useYearRecords } from './state/useYearRecords';

const useStyles = makeStyles({
  root: { minWidth: '300px', maxWidth: '100%', padding: tokens.spacingHorizontalM, boxSizing: 'border-box', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export type Tab = PaneTab;

export interface AppProps {
  host: WorkbookHost;
  runner: CheckRunner;
  apiBase?: string;
  fetch?: FetchFn;
  /** Where a remembered token lives: sessionStorage (per tab, partitioned), never the workbook. */
  sessionStore?: KeyValueStore | null;
  /** Browser storage for the outbox and last-seen revisions. */
  localStore: KeyValueStore;
  today: string;
  initialLang?: Lang;
  initialTab?: Tab;
}

const MAPPING_KEY = 'duesbook.columnMapping';
const MAPPING_CODES = new Set(['SHEET_NOT_FOUND', 'COLUMN_MISSING']);

/** The current quarter and the three before it, newest first. */
export function quartersAround(today: string): string[] {
  const now = quarterOf(today);
  return [0, -1, -2, -3].map((n) => addQuarters(now, n));
}

export function App(props: AppProps) {
  const { host, runner, localStore, today } = props;
  const s = useStyles();
  const [lang, setLang] = useState<Lang>(props.initialLang ?? 'zh');
  const i18n = useMemo(() => makeI18n(lang), [lang]);
  const { t } = i18n;
  const [tab, setTab] = useState<Tab>(props.initialTab ?? 'check');
  const [asOf, setAsOf] = useState(today);
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const quarters = useMemo(() => quartersAround(today), [today]);
  // The last ended quarter: a running one is chosen on purpose, and opens late in its last month.
  const [quarter, setQuarter] = useState(() => defaultSubmitQuarter(today));
  // Another workbook opened: the submit tab's messages were about the last one.
  const [workbookKey, setWorkbookKey] = useState(0);

  const describe = useCallback(
    (e: unknown): string => {
      if (e instanceof ApiError) {
        const kind = errorKind(e);
        if (kind === 'offline') return t('offline');
        if (kind === 'unauthorized') return t('badToken');
        if (kind === 'forbidden') return t('rollupForbidden');
        if (kind === 'locked') return t('lockedQuarter');
        return t('serverRefused', { reason: e.message });
      }
      return e instanceof Error ? e.message : String(e);
    },
    [t],
  );

  const session = useSession({ apiBase: props.apiBase, fetch: props.fetch, sessionStore: props.sessionStore, describe });
  const { client, who, settings } = session;

  const committeeMappings = useCommitteeMappings(client, who);
  // A branch's clerk: the year's approvals and transfers, applied by the check as the server applies them (issue 15).
  const [recordsChanged, setRecordsChanged] = useState(0);
  const records = useYearRecords(client, who, asOf.slice(0, 4), recordsChanged);
  const checkOpts = useMemo(
    () => ({ asOf, today, settings, mapping: mapping ?? undefined, committee: committeeMappings.templates, lang, records }),
    [asOf, today, settings, mapping, committeeMappings.templates, lang, records],
  );
  const check = useWorkbookCheck(host, runner, checkOpts);
  // The fix preview is worked out where the last check's grids are (the check worker), with its options.
  const planFixes = useCallback((list: Finding[]) => runner.plan(list, lang), [runner, lang]);

  useEffect(() => {
    void host.loadSetting<ColumnMapping>(MAPPING_KEY).then((m) => m && setMapping(m));
  }, [host]);

  const result = check.state.status === 'done' ? check.state.result : null;
  // Wrong-branch guard: the branch the workbook names itself against the signed-in one.
  const workbookBranch = check.workbookBranch;
  const mismatch = who?.role === 'clerk' && workbookBranch && !sameBranch(workbookBranch.name, who.org.name)
    ? { workbook: workbookBranch.name, where: `${workbookBranch.sheet}!${workbookBranch.cell}` } : null;
  const submission = useSubmission({ client, who, token: session.token, runner, result, recheck: check.run, localStore, today, quarter, workbookKey, workbookBranch, settings });
  const returned = useReturnNote(client, who, quarter, submission.outcome);
  const opensOn = isQuarterOpen(quarter, today, settings ?? undefined) ? null : quarterOpensOn(quarter, settings ?? undefined);
  const running = quarterEnd(quarterOf(today)) > today ? quarterOf(today) : undefined;
  const periods = useMemo(() => [...quarters, today.slice(0, 4)], [quarters, today]);
  const rollupApi = useRollupApi(client, host);
  const financeApi = useFinanceApi(session.token, who, props.apiBase, props.fetch);
  const financeYears = useMemo(() => [1, 0, 2].map((n) => String(Number(today.slice(0, 4)) - n)), [today]);
  const deadlineRules = useMemo(() => deadlineSettings(settings), [settings]);
  const dueBanner = useDueBanner(client, who, quarter, deadlineRules, today);

  // Finance of the 党委 may also save, for the committee, a sheet read through a mapping (issue 12).
  const needsMapping = !!result?.findings.some((f) => MAPPING_CODES.has(f.code))
    || (!!result && !!committeeMappings.save && (!!mapping || check.committeeApplied.length > 0));

  // CheckView is memoised: what App hands it keeps its identity while unrelated App state changes
  // (the submission, the session, the banner), so a file opening re-renders only what changed (issue 14).
  const { run: runCheck, applyFixes, reset: resetCheck } = check;
  const onRun = useCallback(() => {
    setNotice(null);
    void runCheck();
  }, [runCheck]);
  const onFix = useCallback(
    async (fixes: CellFix[]) => {
      await applyFixes(fixes);
      setNotice(t('fixesApplied', { n: fixes.length }));
    },
    [applyFixes, t],
  );
  const onFileOpened = useCallback(() => {
    setWorkbookKey((k) => k + 1);
    resetCheck();
    setNotice(null);
    void runCheck();
  }, [resetCheck, runCheck]);
  const onSaveMapping = useCallback(
    (m: ColumnMapping) => {
      setMapping(m);
      void host.saveSetting(MAPPING_KEY, m).then(() => runCheck());
    },
    [host, runCheck],
  );
  const mappingProps = useMemo(
    () => ({ needed: needsMapping, grids: check.grids, current: mapping, onSave: onSaveMapping, saveForCommittee: committeeMappings.save }),
    [needsMapping, check.grids, mapping, onSaveMapping, committeeMappings.save],
  );

  return (
    <I18nContext.Provider value={i18n}>
      <FluentProvider theme={webLightTheme} lang={lang === 'zh' ? 'zh-CN' : 'en'}>
        <main className={s.root}>
          <PaneHeader hostKind={host.kind} lang={lang} onLang={setLang} tab={tab} onTab={setTab} who={who} />
          <div role="tabpanel" aria-label={t(`tab${tab === 'check' ? 'Check' : tab === 'submit' ? 'Submit' : tab === 'rollup' ? 'Rollup' : tab === 'year' ? 'Year' : 'Account'}`)}>
            {tab === 'check' && <CommitteeMappingNote applied={check.committeeApplied} />}
            {tab === 'check' && (
              <CheckView
                host={host}
                state={check.state}
                asOf={asOf}
                onAsOf={setAsOf}
                onRun={onRun}
                onFix={onFix}
                onFileOpened={onFileOpened}
                cellValue={check.cellValue}
                mapping={mappingProps}
                notice={notice}
                planFixes={planFixes}
              />
            )}
            {tab === 'submit' && (
              <SubmitView
                signedIn={!!who}
                quarters={quarters}
                quarter={quarter}
                onQuarter={setQuarter}
                preview={submission.preview}
                records={records}
                checked={!!result}
                busy={submission.submitting}
                outcome={submission.outcome}
                outboxWaiting={submission.waiting}
                outboxItems={submission.outboxItems}
                onDismissOutbox={submission.dismissOutbox}
                onSubmit={() => void submission.prepare()}
                pending={submission.pending?.body ?? null}
                onConfirm={() => submission.pending && void submission.submit(submission.pending)}
                onCancel={submission.cancel}
                opensOn={opensOn}
                runningQuarter={running}
                branchName={who?.org.name ?? ''}
                mismatch={mismatch}
                returned={returned}
                onReloadRetry={() => void submission.reloadRetry()}
                onRetryOutbox={() => void submission.flushOutbox(true)}
                dueBanner={dueBanner && dueBanner.quarter === quarter ? dueBanner : null}
              />
            )}
            {tab === 'rollup' && (
              <RollupView role={who?.role ?? null} periods={periods} api={rollupApi} describeError={describe} today={today} deadlines={deadlineRules} />
            )}
            {tab === 'rollup' && financeApi && <FinanceView api={financeApi} years={financeYears} describeError={describe} />}
            {tab === 'year' && <YearView client={client} who={who} periods={periods} describeError={describe} checked={result} onRecordsChanged={() => setRecordsChanged((n) => n + 1)} />}
            {tab === 'account' && (
              <SignInView
                who={who}
                error={session.error}
                busy={session.signingIn}
                onSignIn={session.signIn}
                onSignOut={() => {
                  submission.forgetOnSignOut();
                  session.signOut();
                }}
              />
            )}
          </div>
        </main>
      </FluentProvider>
    </I18nContext.Provider>
  );
}
