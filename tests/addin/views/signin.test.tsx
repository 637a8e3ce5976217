// Signing in: the token goes to memory or this tab's session storage, never the workbook.
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { FakeApi, TOKENS, whoAmI } from '../fakeApi';
import type { FakeHost } from '../fakeHost';
import { renderApp } from '../helpers';

describe('sign-in view', () => {
  it('signs in with a clerk token and remembers it in session storage only', async () => {
    const { user, session, local, host, api } = renderApp();
    await user.click(screen.getByRole('tab', { name: '登录' }));
    expect(screen.getByText('令牌只保存在内存或本标签页中，绝不写入工作簿。')).toBeInTheDocument();
    await user.type(screen.getByLabelText('访问令牌'), TOKENS.clerk);
    await user.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('第一党支部（支部）')).toBeInTheDocument();
    expect(session.getItem('duesbook.token')).toBe(TOKENS.clerk);
    expect([...local.map.values()].join()).not.toContain(TOKENS.clerk);
    expect([...(host as FakeHost).settings.values()].map((v) => JSON.stringify(v)).join()).not.toContain(TOKENS.clerk);
    expect(api.seen.find((r) => r.path === '/api/me')!.headers.get('Authorization')).toBe(`Bearer ${TOKENS.clerk}`);
    expect(screen.getByRole('tab', { name: '支部' })).toBeInTheDocument();
  });

  it('keeps the token in memory only when not remembered, and signs out', async () => {
    const { user, session } = renderApp();
    await user.click(screen.getByRole('tab', { name: '登录' }));
    await user.click(screen.getByRole('checkbox'));
    await user.type(screen.getByLabelText('访问令牌'), TOKENS.finance);
    await user.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('集团党委（财务）')).toBeInTheDocument();
    expect(session.getItem('duesbook.token')).toBeNull();
    await user.click(screen.getByRole('button', { name: '退出登录' }));
    expect(screen.getByLabelText('访问令牌')).toBeInTheDocument();
  });

  it('says so in plain words when the token is revoked', async () => {
    const { user, session } = renderApp();
    await user.click(screen.getByRole('tab', { name: '登录' }));
    await user.type(screen.getByLabelText('访问令牌'), TOKENS.bad);
    await user.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('令牌无效或已被吊销。')).toBeInTheDocument();
    expect(session.getItem('duesbook.token')).toBeNull();
  });

  it('shows the offline state and lets the clerk try again', async () => {
    const api = whoAmI(new FakeApi());
    api.offline = true;
    const { user } = renderApp({ api });
    await user.click(screen.getByRole('tab', { name: '登录' }));
    await user.type(screen.getByLabelText('访问令牌'), TOKENS.clerk);
    await user.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('无法连接服务器，请检查网络。')).toBeInTheDocument();
    api.offline = false;
    await waitFor(() => expect(screen.getByRole('button', { name: '登录' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('第一党支部（支部）')).toBeInTheDocument();
  });

  it('resumes a remembered session on start', async () => {
    const { session } = { session: new Map<string, string>([['duesbook.token', TOKENS.finance]]) };
    const store = { getItem: (k: string) => session.get(k) ?? null, setItem: (k: string, v: string) => void session.set(k, v), removeItem: (k: string) => void session.delete(k) };
    const { user } = renderApp({ props: { sessionStore: store } });
    await user.click(screen.getByRole('tab', { name: /财务|登录/ }));
    expect(await screen.findByText('集团党委（财务）')).toBeInTheDocument();
  });
});
