import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
// Fluent's own motion switch (a dependency of @fluentui/react-components): jsdom has no Web
// Animations, so dialogs open and close without their transitions here.
import { MotionBehaviourProvider } from '@fluentui/react-motion';
import type { Grid } from '../../shared/grid';
import { readWorkbook } from '../../shared/xlsx/read';
import { App } from '../../addin/src/App';
import type { AppProps } from '../../addin/src/App';
import { mainThreadRunner } from '../../addin/src/check/runner';
import type { WorkbookHost } from '../../addin/src/host/workbookHost';
import { cleanWorkbook } from '../e2e/cleanWorkbook';
import { FakeApi, whoAmI } from './fakeApi';
import { FakeHost } from './fakeHost';

export const FIXTURE = path.resolve(__dirname, '../../../shared/fixtures/branch-sample-2026.xlsx');

export async function fixtureGrids(): Promise<Grid[]> {
  return readWorkbook(readFileSync(FIXTURE));
}

export async function cleanGrids(): Promise<Grid[]> {
  return readWorkbook(await cleanWorkbook());
}

export function memoryStore() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    map: m,
  };
}

export function renderApp(opts: { host?: WorkbookHost; grids?: Grid[]; api?: FakeApi; props?: Partial<AppProps> } = {}) {
  const host = opts.host ?? new FakeHost(opts.grids ?? []);
  const api = opts.api ?? whoAmI(new FakeApi());
  const local = memoryStore();
  const session = memoryStore();
  const user = userEvent.setup();
  const props: AppProps = {
    host,
    runner: mainThreadRunner(),
    fetch: api.fetch,
    sessionStore: session,
    localStore: local,
    today: '2026-09-30',
    ...opts.props,
  };
  const utils = render(
    <MotionBehaviourProvider value="skip">
      <App {...props} />
    </MotionBehaviourProvider>,
  );
  return { ...utils, host, api, local, session, user, props };
}
