// Host detection at start-up: WPS 表格, Excel or browser mode.
import { describe, expect, it, vi } from 'vitest';
import { detectHost } from '../../../addin/src/host/detectHost';

describe('detectHost', () => {
  it('WPS 表格 wins without waiting for office.js', async () => {
    const excel = vi.fn(async () => true);
    expect(await detectHost({ wps: () => true, excel })).toBe('wps');
    expect(excel).not.toHaveBeenCalled();
  });
  it('Excel when office.js says so, browser mode otherwise', async () => {
    expect(await detectHost({ wps: () => false, excel: async () => true })).toBe('excel');
    expect(await detectHost({ wps: () => false, excel: async () => false })).toBe('browser');
  });
});
