/**
 * Which host the pane runs in: WPS 表格 first (its Application object is there at once, while
 * office.js may take seconds to give up inside WPS's browser), then Excel (office.js says so),
 * else browser mode on a dropped file.
 */
export type HostChoice = 'wps' | 'excel' | 'browser';

export async function detectHost(probe: { wps: () => boolean; excel: () => Promise<boolean> }): Promise<HostChoice> {
  if (probe.wps()) return 'wps';
  return (await probe.excel()) ? 'excel' : 'browser';
}
