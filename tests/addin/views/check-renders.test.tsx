// CheckView is memoised and App keeps the identity of what it hands it: App state that CheckView
// does not show (here: the session resolving) re-renders App, not CheckView; a new result does (issue 14).
import { Profiler, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MotionBehaviourProvider } from '@fluentui/react-motion';
import { App } from '../../../addin/src/App';
import { mainThreadRunner } from '../../../addin/src/check/runner';
import type * as CheckViewModule from '../../../addin/src/views/CheckView';
import type { CheckViewProps } from '../../../addin/src/views/CheckView';
import { FakeApi, TOKENS, apiError } from '../fakeApi';
import { FakeHost } from '../fakeHost';
import { fixtureGrids, memoryStore } from '../helpers';

const counts = vi.hoisted(() => ({ checkView: 0 }));

// Counts the renders of the real CheckView behind its own memo: the memo object is kept (type and
// compare), only its render function is wrapped. Were CheckView not memoised, `type` is missing and this fails.
vi.mock('../../../addin/src/views/CheckView', async (importOriginal) => {
  const real = await importOriginal<typeof CheckViewModule>();
  const memoised = real.CheckView as unknown as { type: (p: CheckViewProps) => ReactNode };
  const inner = memoised.type;
  if (typeof inner !== 'function') throw new Error('CheckView is not a memo component');
  return {
    ...real,
    CheckView: {
      ...memoised,
      type: (p: CheckViewProps) => {
        counts.checkView++;
        return inner(p);
      },
    },
  };
});

describe('check view renders', () => {
  it('does not re-render when App state it does not show changes, and does when its result changes', async () => {
    const host = new FakeHost(await fixtureGrids());
    // A remembered token the server refuses, answered only when the test says: the session then
    // changes (signing in → not signed in, an error, the token forgotten) while the check tab shows.
    let answer!: () => void;
    const gate = new Promise<void>((r) => (answer = r));
    const api = new FakeApi().on('GET', /^\/api\/me$/, async () => {
      await gate;
      return apiError(401, 'UNAUTHENTICATED', 'unknown token');
    });
    const session = memoryStore();
    session.setItem('duesbook.token', TOKENS.bad);
    let appCommits = 0;
    const user = userEvent.setup();
    render(
      <MotionBehaviourProvider value="skip">
        <Profiler id="app" onRender={() => void appCommits++}>
          <App host={host} runner={mainThreadRunner()} fetch={api.fetch} sessionStore={session} localStore={memoryStore()} today="2026-09-30" />
        </Profiler>
      </MotionBehaviourProvider>,
    );

    await user.click(screen.getByRole('button', { name: '检查工作簿' }));
    const summary = await screen.findByText(/党员 43 人 · 错误 \d+ · 警告 \d+ · 提示 \d+/);
    // Let whatever the result sets off settle (the submission's preview, the deferred list).
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    const viewBefore = counts.checkView;
    const appBefore = appCommits;

    await act(async () => {
      answer();
      await new Promise((r) => setTimeout(r, 50));
    });
    await waitFor(() => expect(session.getItem('duesbook.token')).toBeNull());
    expect(appCommits).toBeGreaterThan(appBefore);
    expect(counts.checkView).toBe(viewBefore);
    expect(summary).toBeInTheDocument();

    // A change it shows: the check runs again (busy, then a new result) and CheckView renders it.
    await user.click(screen.getByRole('button', { name: '检查工作簿' }));
    await screen.findByText(/党员 43 人 · 错误 \d+ · 警告 \d+ · 提示 \d+/);
    expect(counts.checkView).toBeGreaterThan(viewBefore);
  });
});
