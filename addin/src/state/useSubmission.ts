/**
 * The submit flow: the quarter's preview (built where the check ran), submitting with an
 * Idempotency-Key and If-Match, the outbox that keeps a submission the network lost and retries
 * it with backoff, and the outcome in the views' terms.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Submission, SubmissionReceipt } from '../../../shared/api/contract';
import type { WorkbookBranch } from '../../../shared/recognise/branch-name';
import type { CommitteeSettings } from '../../../shared/settings';
import { withBranchWarning } from '../../../shared/submission/branch-warning';
import { reportDateOf } from '../../../shared/submission/report-date';
import { isQuarterOpen, quarterOpensOn } from '../../../shared/submission/window';
import type { ApiClient, WhoAmI } from '../api/client';
import { ApiError, errorKind } from '../api/client';
import type { KeyValueStore, OutboxEntry } from '../api/outbox';
import { Outbox, RevisionMemory, newIdempotencyKey, tokenTag } from '../api/outbox';
import type { CheckResult } from '../check/engine';
import type { CheckRunner } from '../check/runner';
import type { SubmitOutcome } from '../views/SubmitView';

/** What a refusal means to the clerk, by its code. */
export function submitOutcome(e: unknown): SubmitOutcome {
  if (e instanceof ApiError) {
    const kind = errorKind(e);
    if (kind === 'stale') return { kind: 'stale' };
    if (kind === 'precondition-required') return { kind: 'precondition-required' };
    if (kind === 'locked') return { kind: 'locked' };
    if (kind === 'unauthorized') return { kind: 'unauthorized' };
    if (e.code === 'QUARTER_NOT_OPEN') {
      const opensOn = (e.details as { opensOn?: unknown } | undefined)?.opensOn;
      return { kind: 'not-open', opensOn: typeof opensOn === 'string' ? opensOn : null };
    }
    return { kind: 'refused', message: e.message };
  }
  return { kind: 'refused', message: String(e) };
}

export interface SubmissionDeps {
  client: ApiClient | null;
  who: WhoAmI | null;
  /** The signed-in token: queued entries are bound to it and to the branch (outbox.ts). */
  token: string | null;
  runner: CheckRunner;
  /** The last check's result (null until one is done). */
  result: CheckResult | null;
  /** Reads, checks and marks again as of a date; null when it failed. */
  recheck: (asOf: string) => Promise<CheckResult | null>;
  localStore: KeyValueStore;
  today: string;
  quarter: string;
  /** Changes when another workbook is opened: the outcome and a pending confirmation belong to the old one. */
  workbookKey?: unknown;
  /** The branch the workbook names itself (title, 填报单位, 所在党支部), sent so the server can warn finance. */
  workbookBranch?: WorkbookBranch | null;
  /** The committee's settings: when a running quarter opens (runningQuarterFromDay). */
  settings?: CommitteeSettings | null;
}

/** A submission built and waiting for the clerk's confirmation: exactly the body that will be sent. */
export interface PendingSubmission {
  quarter: string;
  body: Submission;
}

const accepted = (r: SubmissionReceipt): SubmitOutcome => ({ kind: 'accepted', revision: r.revision, status: r.status, receipt: r });

export function useSubmission({ client, who, token, runner, result, recheck, localStore, today, quarter, workbookKey, workbookBranch, settings }: SubmissionDeps) {
  const [submitting, setSubmitting] = useState(false);
  // Status messages belong to their quarter and workbook: each is kept with the pair it is about
  // and shown only while both are still the ones on screen.
  const scope = `${quarter}\u0000${String(workbookKey ?? '')}`;
  const [outcomeIn, setOutcomeIn] = useState<{ scope: string; outcome: SubmitOutcome | null }>({ scope, outcome: null });
  const [pendingIn, setPendingIn] = useState<{ scope: string; pending: PendingSubmission | null }>({ scope, pending: null });
  const setOutcome = useCallback((o: SubmitOutcome | null) => setOutcomeIn({ scope, outcome: o }), [scope]);
  const setPending = useCallback((p: PendingSubmission | null) => setPendingIn({ scope, pending: p }), [scope]);
  // Another quarter or workbook clears them for good (coming back does not bring an old receipt
  // back): derived state, updated during render (React's pattern for "the previous value").
  const [seenScope, setSeenScope] = useState(scope);
  if (seenScope !== scope) {
    setSeenScope(scope);
    setOutcomeIn({ scope, outcome: null });
    setPendingIn({ scope, pending: null });
  }
  const outcome = outcomeIn.scope === scope ? outcomeIn.outcome : null;
  const pending = pendingIn.scope === scope ? pendingIn.pending : null;
  const outbox = useMemo(() => new Outbox(localStore), [localStore]);
  const revisions = useMemo(() => new RevisionMemory(localStore), [localStore]);
  // Queued entries are bound to the branch and token that queued them (see outbox.ts).
  const owner = useMemo(() => (token && who?.role === 'clerk' ? { branch: who.org.code, tokenTag: tokenTag(token) } : null), [token, who]);
  const [outboxRev, setOutboxRev] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- outboxRev re-reads the browser's storage
  const outboxItems = useMemo(() => outbox.items(owner), [outbox, owner, outboxRev]);
  const refreshOutbox = useCallback(() => setOutboxRev((n) => n + 1), []);
  const waiting = outboxItems.filter((i) => i.mine).length;

  const send = useCallback(
    async (entry: Pick<OutboxEntry, 'key' | 'quarter' | 'ifMatch'> & { body: Submission }) => {
      if (!client || !who) throw new ApiError('UNAUTHENTICATED', 'not signed in');
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
      if (last) setOutcome(accepted(last.receipt));
      const refused = r.refused.at(-1);
      if (refused) setOutcome(submitOutcome(refused.error));
    },
    [client, who, owner, outbox, send, refreshOutbox, setOutcome],
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

  /**
   * Reads and checks everything again as of the report date, builds the body and holds it for
   * the confirmation: what the dialog shows is what confirm() sends.
   */
  const prepare = useCallback(async (): Promise<PendingSubmission | null> => {
    if (!who) return null;
    setOutcome(null);
    setPending(null);
    if (!isQuarterOpen(quarter, today, settings ?? undefined)) {
      setOutcome({ kind: 'not-open', opensOn: quarterOpensOn(quarter, settings ?? undefined) });
      return null;
    }
    setSubmitting(true);
    try {
      const fresh = await recheck(reportDateOf(quarter, today));
      if (!fresh || fresh.summary.errors > 0) return null;
      const built = await runner.submission(quarter);
      // The body names its branch (the server refuses it under any other branch's token) and the
      // branch the workbook names itself, with the warning a mismatch travels with.
      let body: Submission = { ...built, branchCode: who.org.code };
      if (workbookBranch) body = withBranchWarning({ ...body, workbookBranch: { name: workbookBranch.name.slice(0, 100), sheet: workbookBranch.sheet.slice(0, 100), cell: workbookBranch.cell } }, who.org.name);
      const p = { quarter, body };
      setPending(p);
      return p;
    } catch (e) {
      setOutcome(submitOutcome(e));
      return null;
    } finally {
      setSubmitting(false);
    }
  }, [who, quarter, today, settings, recheck, runner, workbookBranch, setOutcome, setPending]);

  const cancel = useCallback(() => setPending(null), [setPending]);

  const submit = useCallback(async (confirmed?: PendingSubmission) => {
    if (!who) return;
    const p = confirmed ?? pending ?? (await prepare());
    if (!p) return;
    setPending(null);
    setSubmitting(true);
    setOutcome(null);
    try {
      const entry = { key: newIdempotencyKey(), quarter: p.quarter, body: p.body, ifMatch: revisions.get(who.org.code, p.quarter) };
      try {
        const receipt = await send(entry);
        setOutcome(accepted(receipt));
      } catch (e) {
        if (e instanceof ApiError && (errorKind(e) === 'offline' || errorKind(e) === 'server')) {
          if (!owner) throw e;
          outbox.enqueue({ ...entry, ...owner });
          refreshOutbox();
          setOutcome({ kind: 'queued', waiting: outbox.waiting(owner) });
        } else setOutcome(submitOutcome(e));
      }
    } finally {
      setSubmitting(false);
    }
  }, [who, owner, pending, prepare, revisions, send, outbox, refreshOutbox, setOutcome, setPending]);

  const reloadRetry = useCallback(async () => {
    if (!client || !who) return;
    try {
      const latest = await client.latestReceipt(who.org.code, quarter);
      if (latest) revisions.set(who.org.code, quarter, latest.etag);
      // The retry sends what the clerk confirmed before, if it is still at hand.
      const again = await prepare();
      if (again) await submit(again);
    } catch (e) {
      setOutcome(submitOutcome(e));
    }
  }, [client, who, quarter, revisions, prepare, submit, setOutcome]);

  const dismissOutbox = useCallback((key: string) => {
    outbox.dismiss(key);
    refreshOutbox();
  }, [outbox, refreshOutbox]);
  /** At sign-out: raw ID numbers do not stay at rest past the session that queued them. */
  const forgetOnSignOut = useCallback(() => {
    outbox.signOut();
    refreshOutbox();
  }, [outbox, refreshOutbox]);

  return { preview, submitting, outcome, pending, waiting, outboxItems, prepare, cancel, submit, reloadRetry, flushOutbox, dismissOutbox, forgetOnSignOut };
}
