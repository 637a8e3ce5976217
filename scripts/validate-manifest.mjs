// `npm run validate`: checks manifest.xml offline. Microsoft's `office-addin-manifest validate`
// posts the file to a web service (unreachable here), and no npm package ships the add-in
// manifest XSDs (office-addin-manifest, -validator and -manifest-converter were checked), so
// this is a structural test written from the TaskPaneApp schema (appforoffice 1.1 +
// taskpaneappversionoverrides): element order, required elements, value formats and lengths,
// resource ids, https URLs that resolve to files the build serves, and least permission.
// Usage: node scripts/validate-manifest.mjs [manifest.xml]   (exit 1 with a list of problems)
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { OfficeAddinManifest } from 'office-addin-manifest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.resolve(process.argv[2] ?? path.join(repo, 'manifest.xml'));
const NS = 'http://schemas.microsoft.com/office/appforoffice/1.1';
const BT = 'http://schemas.microsoft.com/office/officeappbasictypes/1.0';
const OV = 'http://schemas.microsoft.com/office/taskpaneappversionoverrides';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const DEV_ORIGIN = 'https://localhost:3000';
const problems = [];
const fail = (m) => problems.push(m);

let doc;
try {
  doc = new JSDOM(readFileSync(file, 'utf8'), { contentType: 'text/xml' }).window.document;
} catch (e) {
  console.error(`manifest: ${file} is not well-formed XML: ${e.message}`);
  process.exit(1);
}
const root = doc.documentElement;
const kids = (el, ns) => [...el.children].filter((c) => !ns || c.namespaceURI === ns);
const one = (el, name, ns = NS) => kids(el, ns).filter((c) => c.localName === name);
const text = (el) => (el?.textContent ?? '').trim();
const xsiType = (el) => el.getAttributeNS(XSI, 'type');

// 1. Root and the TaskPaneApp sequence (required, in order, each at most once unless noted).
if (root.localName !== 'OfficeApp' || root.namespaceURI !== NS) fail(`root must be <OfficeApp xmlns="${NS}">`);
if (xsiType(root) !== 'TaskPaneApp') fail('OfficeApp xsi:type must be TaskPaneApp');
const SEQUENCE = [
  ['Id', 1], ['AlternateId', 0], ['Version', 1], ['ProviderName', 1], ['DefaultLocale', 1], ['DisplayName', 1], ['Description', 1],
  ['IconUrl', 0], ['HighResolutionIconUrl', 0], ['SupportUrl', 0], ['AppDomains', 0], ['Hosts', 0], ['Requirements', 0],
  ['DefaultSettings', 1], ['Permissions', 1], ['Dictionary', 0], ['VersionOverrides', 0], ['ExtendedOverrides', 0],
];
const order = SEQUENCE.map(([n]) => n);
let last = -1;
for (const c of kids(root)) {
  const i = order.indexOf(c.localName);
  if (c.localName === 'VersionOverrides' && c.namespaceURI === OV) {
    if (order.indexOf('VersionOverrides') < last) fail('VersionOverrides is out of order');
    last = order.indexOf('VersionOverrides');
    continue;
  }
  if (i < 0) fail(`unexpected element <${c.localName}> under OfficeApp`);
  else if (i < last) fail(`<${c.localName}> is out of order (schema sequence: ${order.join(', ')})`);
  else if (i === last) fail(`<${c.localName}> appears twice`);
  else last = i;
}
for (const [n, required] of SEQUENCE) if (required && !one(root, n).length) fail(`<${n}> is required`);

// 2. Values.
const id = text(one(root, 'Id')[0]);
if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) fail(`Id must be a GUID, got "${id}"`);
if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(text(one(root, 'Version')[0]))) fail('Version must look like 1.0.0.0');
if (!/^[a-z]{2,3}-[A-Z]{2}$/.test(text(one(root, 'DefaultLocale')[0]))) fail('DefaultLocale must look like zh-CN');
const lenCheck = (el, max, what) => {
  if (!el) return;
  const v = el.getAttribute('DefaultValue');
  if (!v) fail(`${what} needs a DefaultValue`);
  else if (v.length > max) fail(`${what} is ${v.length} characters; at most ${max}`);
  for (const o of kids(el).filter((k) => k.localName === 'Override')) {
    if (!/^[a-z]{2,3}-[A-Z]{2}$/.test(o.getAttribute('Locale') ?? '')) fail(`${what} override needs a Locale like en-US`);
    if ((o.getAttribute('Value') ?? '').length > max) fail(`${what} override longer than ${max}`);
  }
};
lenCheck(one(root, 'DisplayName')[0], 125, 'DisplayName');
lenCheck(one(root, 'Description')[0], 250, 'Description');
if (text(one(root, 'ProviderName')[0]).length === 0) fail('ProviderName is empty');
const perm = text(one(root, 'Permissions')[0]);
if (perm !== 'ReadWriteDocument') fail(`Permissions must be exactly ReadWriteDocument (least needed: read sheets, write fixes and marks), got "${perm}"`);
const hosts = one(root, 'Hosts')[0] ? one(one(root, 'Hosts')[0], 'Host').map((h) => h.getAttribute('Name')) : [];
if (hosts.length !== 1 || hosts[0] !== 'Workbook') fail(`Hosts must be exactly Workbook (Excel), got ${JSON.stringify(hosts)}`);
const sets = one(root, 'Requirements')[0] ? [...one(root, 'Requirements')[0].getElementsByTagNameNS(NS, 'Set')] : [];
const excelApi = sets.find((s) => s.getAttribute('Name') === 'ExcelApi');
if (!excelApi || Number(excelApi.getAttribute('MinVersion')) < 1.9) fail('Requirements must ask for ExcelApi 1.9 (worksheet onChanged, fill pattern)');

// 3. URLs: https; in the dev manifest each resolves to a file the pane build serves.
const served = (url) => {
  const u = new URL(url);
  if (u.origin !== DEV_ORIGIN) return true;
  const p = u.pathname.replace(/^\//, '');
  return [path.join(repo, 'addin', p), path.join(repo, 'addin', 'public', p)].some((f) => existsSync(f));
};
const urlCheck = (url, what, { file = true } = {}) => {
  let u;
  try {
    u = new URL(url);
  } catch {
    return fail(`${what}: "${url}" is not a URL`);
  }
  if (u.protocol !== 'https:') fail(`${what}: "${url}" must be https`);
  if (file && !served(url)) fail(`${what}: ${url} does not resolve to a file in addin/ or addin/public/`);
};
for (const n of ['IconUrl', 'HighResolutionIconUrl', 'SupportUrl']) {
  const el = one(root, n)[0];
  if (el) urlCheck(el.getAttribute('DefaultValue') ?? '', n);
}
const pngSize = (url) => {
  const u = new URL(url);
  if (u.origin !== DEV_ORIGIN) return null;
  const f = path.join(repo, 'addin', 'public', u.pathname.replace(/^\//, ''));
  if (!existsSync(f)) return null;
  const b = readFileSync(f);
  return b.toString('ascii', 1, 4) === 'PNG' ? b.readUInt32BE(16) : -1;
};
for (const [n, size] of [['IconUrl', 32], ['HighResolutionIconUrl', 64]]) {
  const el = one(root, n)[0];
  const s = el && pngSize(el.getAttribute('DefaultValue') ?? '');
  if (s !== null && s !== undefined && s !== size) fail(`${n} must be a ${size}×${size} PNG, got ${s}`);
}
const domains = one(root, 'AppDomains')[0] ? one(one(root, 'AppDomains')[0], 'AppDomain').map(text) : [];
if (!domains.length) fail('AppDomains must list the worker origin');
for (const d of domains) {
  urlCheck(d, 'AppDomain', { file: false });
  if (!/^https:\/\/[^/]+$/.test(d)) fail(`AppDomain "${d}" must be an origin without a path`);
}
const source = one(root, 'DefaultSettings')[0] && one(one(root, 'DefaultSettings')[0], 'SourceLocation')[0];
if (!source) fail('DefaultSettings/SourceLocation is required');
else urlCheck(source.getAttribute('DefaultValue') ?? '', 'SourceLocation');

// 4. VersionOverrides: ribbon button on Home, every resid defined once with the right type.
const vo = kids(root, OV).find((c) => c.localName === 'VersionOverrides');
if (!vo) fail('VersionOverrides (the ribbon button) is required');
else {
  if (xsiType(vo) !== 'VersionOverridesV1_0') fail('VersionOverrides xsi:type must be VersionOverridesV1_0');
  const all = (name, ns = OV) => [...vo.getElementsByTagNameNS(ns, name)];
  const res = {};
  const resources = all('Resources')[0];
  if (!resources) fail('VersionOverrides/Resources is required');
  const group = (name) => (resources ? [...resources.getElementsByTagNameNS(BT, name)][0] : undefined);
  const defs = { Images: group('Images'), Urls: group('Urls'), ShortStrings: group('ShortStrings'), LongStrings: group('LongStrings') };
  const seen = new Set();
  for (const [g, el] of Object.entries(defs)) {
    for (const item of el ? [...el.children] : []) {
      const rid = item.getAttribute('id') ?? '';
      if (!rid) fail(`${g}: an entry has no id`);
      if (rid.length > 32) fail(`resource id "${rid}" is longer than 32 characters`);
      if (seen.has(rid)) fail(`resource id "${rid}" is defined twice`);
      seen.add(rid);
      res[rid] = g;
      const v = item.getAttribute('DefaultValue') ?? '';
      if (g === 'Images' || g === 'Urls') urlCheck(v, `${g} ${rid}`);
      if (g === 'ShortStrings' && (v.length === 0 || v.length > 125)) fail(`short string ${rid} must be 1–125 characters`);
      if (g === 'LongStrings' && (v.length === 0 || v.length > 250)) fail(`long string ${rid} must be 1–250 characters`);
      for (const o of [...item.children]) {
        if (o.localName !== 'Override' || !/^[a-z]{2,3}-[A-Z]{2}$/.test(o.getAttribute('Locale') ?? '')) fail(`${rid}: bad override`);
      }
    }
  }
  const need = (el, group, what) => {
    const rid = el.getAttribute('resid');
    if (!rid) fail(`${what} needs a resid`);
    else if (res[rid] !== group) fail(`${what} resid "${rid}" must name an entry of bt:${group}${res[rid] ? ` (it is in ${res[rid]})` : ''}`);
  };
  const hostEls = all('Host').filter((h) => xsiType(h) === 'Workbook');
  if (hostEls.length !== 1) fail('VersionOverrides must have one Host xsi:type="Workbook"');
  const dff = all('DesktopFormFactor')[0];
  if (!dff) fail('DesktopFormFactor is required');
  else {
    const gs = all('GetStarted')[0];
    if (gs) {
      need(one(gs, 'Title', OV)[0] ?? gs, 'ShortStrings', 'GetStarted/Title');
      need(one(gs, 'Description', OV)[0] ?? gs, 'LongStrings', 'GetStarted/Description');
      need(one(gs, 'LearnMoreUrl', OV)[0] ?? gs, 'Urls', 'GetStarted/LearnMoreUrl');
    }
    const ff = one(dff, 'FunctionFile', OV)[0];
    if (!ff) fail('DesktopFormFactor/FunctionFile is required');
    else need(ff, 'Urls', 'FunctionFile');
    const ep = one(dff, 'ExtensionPoint', OV)[0];
    if (!ep || xsiType(ep) !== 'PrimaryCommandSurface') fail('an ExtensionPoint of xsi:type PrimaryCommandSurface is required');
    const tab = all('OfficeTab')[0];
    if (!tab || tab.getAttribute('id') !== 'TabHome') fail('the button must sit on the Home tab (OfficeTab id="TabHome")');
    const ids = new Set();
    for (const el of [...all('Group'), ...all('Control')]) {
      const i = el.getAttribute('id') ?? '';
      if (!i || i.length > 125) fail(`${el.localName} needs an id of 1–125 characters`);
      if (ids.has(i)) fail(`id "${i}" used twice`);
      ids.add(i);
    }
    for (const l of all('Label')) need(l, 'ShortStrings', 'Label');
    for (const t of all('Title').filter((x) => x.parentElement?.localName === 'Supertip')) need(t, 'ShortStrings', 'Supertip/Title');
    for (const d of all('Description').filter((x) => x.parentElement?.localName === 'Supertip')) need(d, 'LongStrings', 'Supertip/Description');
    for (const icon of all('Icon')) {
      const sizes = [...icon.getElementsByTagNameNS(BT, 'Image')].map((im) => {
        need(im, 'Images', 'Icon image');
        return im.getAttribute('size');
      });
      for (const s of ['16', '32', '80']) if (!sizes.includes(s)) fail(`an Icon lacks its ${s}px image`);
    }
    const controls = all('Control');
    if (!controls.length) fail('the group needs a Control');
    for (const c of controls) {
      if (xsiType(c) !== 'Button') fail('the control must be a Button');
      const action = one(c, 'Action', OV)[0];
      if (!action || xsiType(action) !== 'ShowTaskpane') fail('the button must ShowTaskpane');
      else {
        const sl = one(action, 'SourceLocation', OV)[0];
        if (!sl) fail('ShowTaskpane needs a SourceLocation');
        else need(sl, 'Urls', 'ShowTaskpane/SourceLocation');
      }
    }
  }
}

// 5. Microsoft's own offline reader must accept it too.
try {
  const info = await OfficeAddinManifest.readManifestFile(file);
  if (info.id !== id) fail('office-addin-manifest reads a different Id');
} catch (e) {
  fail(`office-addin-manifest cannot read it: ${e.message}`);
}

if (problems.length) {
  console.error(`manifest: ${path.relative(process.cwd(), file)} has ${problems.length} problem(s):`);
  for (const p of problems) console.error(`- ${p}`);
  process.exit(1);
}
console.log(`manifest: ${path.relative(process.cwd(), file)} is valid (offline structural check against the TaskPaneApp schema)`);
