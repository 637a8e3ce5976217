/**
 * The pane: header (mode, language), tabs for check / submit / roll-up / sign-in. Holds only
 * plain data in state; the host and the API client do the talking.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Badge, Button, FluentProvider, Tab, TabList, Text, makeStyles, tokens, webLightTheme,
} from '@fluentui/react-components';
import type { Submission } from '../../shared/api/contract';
import { addQuarters, quarterEnd, quarterOf } from '../../shared/quarter';
import type { ColumnMapping } from '../../shared/recognise/mapping';
import type { FetchFn, WhoAmI } from './api/client';
import { ApiClient, ApiError } from './api/client';
import type { KeyValueStore, OutboxEntry } from './api/outbox';
import { Outbox, RevisionMemory, newIdempotencyKey, tokenTag } from './api/outbox';
import type { CheckResult } from './check/engine';
import type { CheckRunner } from './check/runner';
import type { WorkbookHost } from './host/workbookHost';
import type { Lang } from './i18n/dictionary';
import { I18nContext, makeI18n } from './i18n/i18n';
import { useWorkbookCheck } from './state/useWorkbookCheck';
import { CheckView } from './views/CheckView';
import { RollupView } from './views/RollupView';
import { SignInView } from './views/SignInView';
import type { SubmitOutcome } from './views/SubmitView';
import { SubmitView } from './views/SubmitView';

const useStyles = makeStyles({
  root: { minWidth: '300px', maxWidth: '100%', padding: tokens.spacingHorizontalM, boxSizing: 'border-box', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
});

export type Tab = 'check' | 'submit' | 'rollup' | 'account';

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

const TOKEN_KEY = 'duesbook.token';
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
  const [token, setToken] = useState<string | null>(() => props.sessionStore?.getItem(TOKEN_KEY) ?? null);
  const [who, setWho] = useState<WhoAmI | null>(null);
  const [signInError, setSignInError] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState(() => !!props.sessionStore?.getItem(TOKEN_KEY));
  const [settings, setSettings] = useState<Record<string, unknown> | undefined>(undefined);
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const quarters = useMemo(() => quartersAround(today), [today]);
  const [quarter, setQuarter] = useState(quarters[0]!);
  const [submitting, setSubmitting] = useState(false);
  const [outcome, setOutcome] = useState<SubmitOutcome | null>(null);
  const outbox = useMemo(() => new Outbox(localStore), [localStore]);
  const revisions = useMemo(() => new RevisionMemory(localStore), [localStore]);
  // Queued entries are bound to the branch and token that queued them (see outbox.ts).
  const owner = useMemo(() => (token && who?.role === 'clerk' ? { branch: who.org.code, tokenTag: tokenTag(token) } : null), [token, who]);
  const [outboxRev, setOutboxRev] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- outboxRev re-reads the browser's storage
  const outboxItems = useMemo(() => outbox.items(owner), [outbox, owner, outboxRev]);
  const refreshOutbox = useCallback(() => setOutboxRev((n) => n + 1), []);
  const waiting = outboxItems.filter((i) => i.mine).length;

  // A new sign-in attempt (even with the same token, after a network failure) gets a new client.
  const [attempt, setAttempt] = useState(0);
  const client = useMemo(
    () => (token ? new ApiClient({ token, baseUrl: props.apiBase ?? '', ...(props.fetch ? { fetch: props.fetch } : {}) }) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- attempt forces a fresh client
    [token, props.apiBase, props.fetch, attempt],
  );

  const checkOpts = useMemo(() => ({ asOf, settings, mapping: mapping ?? undefined, lang }), [asOf, settings, mapping, lang]);
  const check = useWorkbookCheck(host, runner, checkOpts);

  useEffect(() => {
    void host.loadSetting<ColumnMapping>(MAPPING_KEY).then((m) => m && setMapping(m));
  }, [host]);

  const describe = useCallback(
    (e: unknown): string => {
      if (e instanceof ApiError) {
        if (e.kind === 'offline') return t('offline');
        if (e.kind === 'unauthorized') return t('badToken');
        if (e.kind === 'forbidden') return t('rollupForbidden');
        if (e.kind === 'locked') return t('lockedQuarter');
        return t('serverRefused', { reason: e.message });
      }
      return e instanceof Error ? e.message : String(e);
    },
    [t],
  );

  // Resolve who the token belongs to, and fetch the committee's settings for the checker.
  useEffect(() => {
    if (!client) return;
    let live = true;
    client
      .whoAmI()
      .then(async (w) => {
        if (!live) return;
        setWho(w);
        setSignInError(null);
        try {
          const st = await client.settings();
          if (live) setSettings(st);
        } catch {
          // Settings are optional: the checker's defaults apply.
        }
      })
      .catch((e: unknown) => {
        if (!live) return;
        setWho(null);
        setSignInError(describe(e));
        if (e instanceof ApiError && e.kind === 'unauthorized') {
          props.sessionStore?.removeItem(TOKEN_KEY);
          setToken(null);
        }
      })
      .finally(() => live && setSigningIn(false));
    return () => {
      live = false;
    };
  }, [client, describe, props.sessionStore]);

  const outcomeOf = useCallback((e: unknown): SubmitOutcome => {
    if (e instanceof ApiError) {
      if (e.kind === 'stale') return { kind: 'stale' };
      if (e.kind === 'precondition-required') return { kind: 'precondition-required' };
      if (e.kind === 'locked') return { kind: 'locked' };
      if (e.kind === 'unauthorized') return { kind: 'unauthorized' };
      return { kind: 'refused', message: e.message };
    }
    return { kind: 'refused', message: String(e) };
  }, []);

  const send = useCallback(
    async (entry: Pick<OutboxEntry, 'key' | 'quarter' | 'ifMatch'> & { body: Submission }) => {
      if (!client || !who) throw new ApiError('unauthorized', 'not signed in');
      const receipt = await client.submit(entry.body, entry.key, entry.ifMatch);
      revisions.set(who.org.code, entry.quarter, receipt.etag);
      return receipt;
    },
    [client, who, revisions],
  );

  const flushOutbox = useCallback(
    async (force: boolean) => {
      if (!client || !who || !owner || !outbox.waiting(owner)) return;
      const r = await outbox.flush(send, owner, force);
      refreshOutbox();
      const last = r.sent.at(-1);
      if (last) setOutcome({ kind: 'accepted', revision: last.receipt.revision, status: last.receipt.status });
      const refused = r.refused.at(-1);
      if (refused) setOutcome(outcomeOf(refused.error));
    },
    [client, who, owner, outbox, send, outcomeOf, refreshOutbox],
  );

  // Retry queued submissions with backoff, and at once when the browser comes back online.
  useEffect(() => {
    if (!client || !who || waiting === 0) return;
    const delay = outbox.nextDelay(owner);
    const timer = delay === null ? null : setTimeout(() => void flushOutbox(false), delay);
    const online = () => void flushOutbox(true);
    window.addEventListener('online', online);
    return () => {
      if (timer) clearTimeout(timer);
      window.removeEventListener('online', online);
    };
  }, [client, who, owner, waiting, outbox, flushOutbox]);

  const result = check.state.status === 'done' ? check.state.result : null;
  // The submission is built where the check ran (the worker keeps the member records).
  const [built, setBuilt] = useState<{ result: CheckResult; quarter: string; submission: Submission | null } | null>(null);
  useEffect(() => {
    if (!result || result.summary.errors > 0) return;
    let live = true;
    runner.submission(quarter).then(
      (submission) => live && setBuilt({ result, quarter, submission }),
      () => live && setBuilt({ result, quarter, submission: null }),
    );
    return () => {
      live = false;
    };
  }, [result, quarter, runner]);
  const preview = useMemo(() => {
    if (!result) return null;
    if (result.summary.errors > 0) return { submission: null, errors: result.summary.errors };
    return built && built.result === result && built.quarter === quarter ? { submission: built.submission, errors: 0 } : null;
  }, [result, quarter, built]);

  const submit = useCallback(async () => {
    if (!who) return;
    setSubmitting(true);
    setOutcome(null);
    try {
      // Everything is checked again first, as of the quarter's end (or today, if earlier).
      const end = quarterEnd(quarter);
      const fresh = await check.run(end < today ? end : today);
      if (!fresh || fresh.summary.errors > 0) return;
      const body = await runner.submission(quarter);
      // The body names its branch: the server refuses it under any other branch's token.
      const entry = { key: newIdempotencyKey(), quarter, body: { ...body, branchCode: who.org.code }, ifMatch: revisions.get(who.org.code, quarter) };
      try {
        const receipt = await send(entry);
        setOutcome({ kind: 'accepted', revision: receipt.revision, status: receipt.status });
      } catch (e) {
        if (e instanceof ApiError && (e.kind === 'offline' || e.kind === 'server')) {
          if (!owner) throw e;
          outbox.enqueue({ ...entry, ...owner });
          refreshOutbox();
          setOutcome({ kind: 'queued', waiting: outbox.waiting(owner) });
        } else setOutcome(outcomeOf(e));
      }
    } finally {
      setSubmitting(false);
    }
  }, [who, owner, quarter, today, check, runner, revisions, send, outbox, outcomeOf, refreshOutbox]);

  const reloadRetry = useCallback(async () => {
    if (!client || !who) return;
    try {
      const latest = await client.latestReceipt(who.org.code, quarter);
      if (latest) revisions.set(who.org.code, quarter, latest.etag);
      await submit();
    } catch (e) {
      setOutcome(outcomeOf(e));
    }
  }, [client, who, quarter, revisions, submit, outcomeOf]);

  const periods = useMemo(() => [...quarters, today.slice(0, 4)], [quarters, today]);
  const rollupApi = useMemo(
    () =>
      client && {
        load: (p: string) => client.rollup(p),
        members: (p: string, b: string) => client.branchMembers(p, b),
        review: (b: string, q: string, a: 'confirm' | 'return', rev: number, n: string) => client.review(b, q, a, rev, n),
        lock: (org: string, q: string) => client.lock(org, q),
        download: async (p: string) => {
          // In Excel the report opens as a new workbook; where that API is missing, a signed
          // link opens in the browser (the pane's webview does not save blobs). A browser saves
          // the bytes directly.
          if (host.kind === 'excel') {
            if (host.openWorkbook) await host.openWorkbook(await (await client.report(p)).arrayBuffer());
            else window.open(await client.reportLink(p), '_blank', 'noopener');
            return;
          }
          const blob = await client.report(p);
          const url = URL.createObjectURL(blob);
          const a = document.createElement('a');
          a.href = url;
          a.download = `duesbook-${p}.xlsx`;
          a.click();
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
        },
        opensInExcel: host.kind === 'excel' && !!host.openWorkbook,
        ...(host.insertSheet ? { insertSheet: host.insertSheet.bind(host) } : {}),
      },
    [client, host],
  );

  const needsMapping = !!result?.findings.some((f) => MAPPING_CODES.has(f.code));

  return (
    <I18nContext.Provider value={i18n}>
      <FluentProvider theme={webLightTheme} lang={lang === 'zh' ? 'zh-CN' : 'en'}>
        <main className={s.root}>
          <header className={s.header}>
            <Text as="h1" size={500} weight="semibold">{t('appTitle')}</Text>
            <Badge appearance="tint" color={host.kind === 'excel' ? 'brand' : 'informative'}>
              {t(host.kind === 'excel' ? 'modeExcel' : 'modeBrowser')}
            </Badge>
            <Button size="small" appearance="subtle" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} lang={lang === 'zh' ? 'en' : 'zh-CN'}>
              {t('langSwitch')}
            </Button>
          </header>
          <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as Tab)} size="small">
            <Tab value="check">{t('tabCheck')}</Tab>
            <Tab value="submit">{t('tabSubmit')}</Tab>
            <Tab value="rollup">{t('tabRollup')}</Tab>
            <Tab value="account" title={who?.org.name}>{who ? t(`role_${who.role}`) : t('tabAccount')}</Tab>
          </TabList>
          <div role="tabpanel" aria-label={t(`tab${tab === 'check' ? 'Check' : tab === 'submit' ? 'Submit' : tab === 'rollup' ? 'Rollup' : 'Account'}`)}>
            {tab === 'check' && (
              <CheckView
                host={host}
                state={check.state}
                asOf={asOf}
                onAsOf={setAsOf}
                onRun={() => {
                  setNotice(null);
                  void check.run();
                }}
                onFix={async (fixes) => {
                  await check.applyFixes(fixes);
                  setNotice(t('fixesApplied', { n: fixes.length }));
                }}
                onFileOpened={() => {
                  check.reset();
                  setNotice(null);
                  void check.run();
                }}
                cellValue={check.cellValue}
                mapping={{
                  needed: needsMapping,
                  grids: check.grids,
                  current: mapping,
                  onSave: (m) => {
                    setMapping(m);
                    void host.saveSetting(MAPPING_KEY, m).then(() => check.run());
                  },
                }}
                notice={notice}
              />
            )}
            {tab === 'submit' && (
              <SubmitView
                signedIn={!!who}
                quarters={quarters}
                quarter={quarter}
                onQuarter={setQuarter}
                preview={preview}
                checked={!!result}
                busy={submitting}
                outcome={outcome}
                outboxWaiting={waiting}
                outboxItems={outboxItems}
                onDismissOutbox={(key) => {
                  outbox.dismiss(key);
                  refreshOutbox();
                }}
                onSubmit={() => void submit()}
                onReloadRetry={() => void reloadRetry()}
                onRetryOutbox={() => void flushOutbox(true)}
              />
            )}
            {tab === 'rollup' && (
              <RollupView role={who?.role ?? null} periods={periods} api={rollupApi ?? nullRollupApi} describeError={describe} />
            )}
            {tab === 'account' && (
              <SignInView
                who={who}
                error={signInError}
                busy={signingIn}
                onSignIn={(tok, remember) => {
                  if (remember) props.sessionStore?.setItem(TOKEN_KEY, tok);
                  else props.sessionStore?.removeItem(TOKEN_KEY);
                  setSignInError(null);
                  setSigningIn(true);
                  setToken(tok);
                  setAttempt((n) => n + 1);
                }}
                onSignOut={() => {
                  // Raw ID numbers do not stay at rest past the session that queued them.
                  outbox.signOut();
                  refreshOutbox();
                  props.sessionStore?.removeItem(TOKEN_KEY);
                  setToken(null);
                  setWho(null);
                  setSettings(undefined);
                }}
              />
            )}
          </div>
        </main>
      </FluentProvider>
    </I18nContext.Provider>
  );
}

const refuse = () => Promise.reject(new ApiError('unauthorized', 'not signed in'));
const nullRollupApi = { load: refuse, members: refuse, review: refuse, lock: refuse, download: refuse };
