// The WPS add-in's build (scripts/build-wps.mjs): the online folder the worker serves, the
// jsplugins.xml entries, the folder wpsjs publish takes, and the shell's ribbon wired to main.js.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addonUrl, buildWps, jspluginsXml, mainJs, offlineJspluginsXml, publishPackage } from '../../scripts/build-wps.mjs';

const repo = path.resolve(__dirname, '../..');
const shell = path.join(repo, 'addin/src/wps/shell');
const dist = mkdtempSync(path.join(tmpdir(), 'duesbook-wps-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('build-wps', () => {
  it('puts the add-in at <origin>/wps/, and refuses an origin WPS cannot load', () => {
    expect(addonUrl('https://duesbook.example.workers.dev/')).toBe('https://duesbook.example.workers.dev/wps/');
    expect(addonUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787/wps/');
    expect(() => addonUrl('file:///C:/x')).toThrow(/http\(s\) origin/);
    expect(() => addonUrl('https://x.example/?a=1')).toThrow(/http\(s\) origin/);
  });

  it('writes jsplugins.xml entries for WPS 表格, escaping what XML needs', () => {
    expect(jspluginsXml('https://a.example/wps/')).toContain('<jspluginonline name="duesbook" type="et" url="https://a.example/wps/"/>');
    expect(jspluginsXml('https://a.example/wps/?x="1"&y=2')).toContain('url="https://a.example/wps/?x=&quot;1&quot;&amp;y=2"');
    expect(offlineJspluginsXml('file:///D:/addins/duesbook.7z', '0.1.0')).toContain('<jsplugin name="duesbook" type="et" url="file:///D:/addins/duesbook.7z" version="0.1.0" enable="true"/>');
    expect(JSON.parse(publishPackage('0.1.0'))).toMatchObject({ name: 'duesbook', version: '0.1.0', addonType: 'et' });
  });

  it('fills in the origin main.js opens the pane from when offline', () => {
    const src = readFileSync(path.join(shell, 'main.js'), 'utf8');
    const out = mainJs(src, 'https://dues.example/');
    expect(out).toContain("var DUESBOOK_ORIGIN = 'https://dues.example';");
    expect(out).not.toContain('__DUESBOOK_ORIGIN__');
    expect(() => mainJs('var x = 1;', 'https://dues.example')).toThrow(/placeholder/);
  });

  it('every callback ribbon.xml names is a function main.js defines', () => {
    const ribbon = readFileSync(path.join(shell, 'ribbon.xml'), 'utf8');
    const main = readFileSync(path.join(shell, 'main.js'), 'utf8');
    const callbacks = [...ribbon.matchAll(/\b(?:onLoad|onAction|getImage|getLabel|getEnabled|getVisible)="([^"]+)"/g)].map((m) => m[1]!);
    expect(new Set(callbacks)).toEqual(new Set(['OnAddinLoad', 'OnAction', 'GetImage']));
    for (const cb of callbacks) expect(main).toMatch(new RegExp(`function ${cb}\\(`));
    expect(ribbon).toContain('id="btnDuesbook"');
    expect(main).toContain("control.Id !== 'btnDuesbook'");
    expect(main).toMatch(/CreateTaskPane\(/);
  });

  it('builds the online add-in, the publish folder and the offline folder beside the pane', () => {
    const { out, pub, offline, url } = buildWps({ dist, origin: 'https://dues.example' });
    expect(url).toBe('https://dues.example/wps/');
    for (const f of ['ribbon.xml', 'index.html', 'main.js', 'images/duesbook.svg', 'jsplugins.xml']) expect(existsSync(path.join(out, f))).toBe(true);
    expect(readFileSync(path.join(out, 'main.js'), 'utf8')).toContain("'https://dues.example'");
    expect(readFileSync(path.join(out, 'jsplugins.xml'), 'utf8')).toContain('url="https://dues.example/wps/"');
    // wpsjs publish looks for wps-addon-build/ribbon.xml (online) and reads package.json.
    expect(existsSync(path.join(pub, 'wps-addon-build', 'ribbon.xml'))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(pub, 'package.json'), 'utf8')).addonType).toBe('et');
    const version = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).version;
    expect(existsSync(path.join(offline, `duesbook_${version}`, 'ribbon.xml'))).toBe(true);
    expect(readFileSync(path.join(offline, 'jsplugins.xml'), 'utf8')).toContain(`version="${version}"`);
  });
});
