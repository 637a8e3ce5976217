// Finding WPS 表格's Application object in the pane's page.
import { describe, expect, it } from 'vitest';
import { wpsApplication } from '../../../addin/src/wps/start';
import { FakeWps } from './fakeWps';

describe('wpsApplication', () => {
  it('takes window.Application of WPS 表格, or wps.EtApplication() of older versions', () => {
    const wps = new FakeWps();
    expect(wpsApplication({ Application: wps.app })).toBe(wps.app);
    expect(wpsApplication({ wps: { EtApplication: () => wps.app } })).toBe(wps.app);
  });
  it('is null in a plain browser, in Excel, and in WPS 文字 (an Application without workbooks)', () => {
    expect(wpsApplication({})).toBeNull();
    expect(wpsApplication({ Application: { ActiveDocument: {}, ApiEvent: {} } })).toBeNull();
    expect(wpsApplication({ wps: { EtApplication: () => { throw new Error('not ET'); } } })).toBeNull();
  });
});
