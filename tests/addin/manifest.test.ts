// The offline manifest check fails on the mistakes it exists to catch (and passes the real file).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { productionManifest } from '../../addin/vite.config';

const repo = path.resolve(__dirname, '../..');
const real = readFileSync(path.join(repo, 'manifest.xml'), 'utf8');

function validate(xml: string): { status: number | null; out: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'manifest-'));
  const f = path.join(dir, 'manifest.xml');
  writeFileSync(f, xml);
  const r = spawnSync(process.execPath, [path.join(repo, 'scripts/validate-manifest.mjs'), f], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('validate-manifest', () => {
  it('accepts manifest.xml', () => {
    const r = validate(real);
    expect(r.out).toContain('is valid');
    expect(r.status).toBe(0);
  });

  it.each([
    ['broken XML', real.replace('</OfficeApp>', ''), 'not well-formed'],
    ['more permission than needed', real.replace('<Permissions>ReadWriteDocument', '<Permissions>ReadWriteMailbox'), 'Permissions must be exactly ReadWriteDocument'],
    ['elements out of order', real.replace(/(<Version>1\.0\.0\.0<\/Version>)\s*(<ProviderName>Duesbook<\/ProviderName>)/, '$2$1'), 'out of order'],
    ['http URL', real.replace('<SourceLocation DefaultValue="https://', '<SourceLocation DefaultValue="http://'), 'must be https'],
    ['missing icon file', real.replace('assets/icon-80.png', 'assets/icon-81.png'), 'does not resolve to a file'],
    ['undefined resid', real.replace('<Label resid="Group.Label"/>', '<Label resid="Nope.Label"/>'), 'resid "Nope.Label"'],
    ['resid of the wrong type', real.replace('<FunctionFile resid="Commands.Url"/>', '<FunctionFile resid="Group.Label"/>'), 'must name an entry of bt:Urls'],
    ['not on the Home tab', real.replace('<OfficeTab id="TabHome">', '<OfficeTab id="TabData">'), 'Home tab'],
    ['bad Id', real.replace('3f6c1d2e-8b4a-4c7e-9a51-2d0e6b7f4a93', 'duesbook'), 'GUID'],
    ['AppDomain with a path', real.replace('<AppDomain>https://localhost:3000</AppDomain>', '<AppDomain>https://localhost:3000/api</AppDomain>'), 'origin without a path'],
    ['short string too long', real.replace('DefaultValue="党费核对">', `DefaultValue="${'党'.repeat(130)}">`), '1–125'],
    ['Outlook host', real.replace('<Host Name="Workbook"/>', '<Host Name="Mailbox"/>'), 'Hosts must be exactly Workbook'],
  ])('rejects %s', (_name, xml, message) => {
    const r = validate(xml);
    expect(r.status).toBe(1);
    expect(r.out).toContain(message);
  });
});

describe('production manifest', () => {
  it('swaps the dev origin for DUESBOOK_URL_PROD everywhere, and still validates', () => {
    const prod = productionManifest(real, 'https://duesbook.example.org/');
    expect(prod).not.toContain('localhost');
    expect(prod).toContain('<AppDomain>https://duesbook.example.org</AppDomain>');
    expect(prod).toContain('<SourceLocation DefaultValue="https://duesbook.example.org/taskpane.html"/>');
    const r = validate(prod);
    expect(r.out).toContain('is valid');
  });

  it('keeps the dev manifest when no production URL is set, and refuses a non-https one', () => {
    expect(productionManifest(real, undefined)).toBe(real);
    expect(() => productionManifest(real, 'http://duesbook.example.org')).toThrow(/https/);
  });
});
