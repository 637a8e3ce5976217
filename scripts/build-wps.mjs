// The WPS 表格 add-in (WPS 加载项), built beside the pane by `npm run build` (after Vite):
//   addin/dist/wps/             the online add-in: ribbon.xml, index.html, main.js, images/ —
//                               the layout `wpsjs build` gives an online add-in. Served by the
//                               worker with the pane (addin/dist), so its URL is <origin>/wps/
//                               and the button opens <origin>/taskpane.html.
//   addin/dist/wps/jsplugins.xml the add-in list for WPS's jsplugins.xml mode (oem.ini
//                               JSPluginsServer): one <jspluginonline> entry at <origin>/wps/.
//   addin/dist/wps-publish/     what `wpsjs publish` takes: package.json (name, version,
//                               addonType "et") and wps-addon-build/ (the add-in); run
//                               `npx wpsjs@2.2.3 publish -s <origin>/wps/` there for publish.html.
//   addin/dist/wps-offline/     the offline add-in: duesbook_<version>/ (the folder WPS keeps in
//                               %APPDATA%\kingsoft\wps\jsaddons) and a jsplugins.xml naming
//                               duesbook.7z (packed from that folder, as `wpsjs build` offline does).
// main.js opens ../taskpane.html when it was loaded over http(s) (online) and <origin>/taskpane.html
// when it runs from the local folder (offline): the pane itself is always served by the worker.
// <origin> is DUESBOOK_URL_PROD when set (as for manifest.xml), else the dev pane's origin.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ADDON_NAME = 'duesbook';
// Without DUESBOOK_URL_PROD: the local worker (npm start), which serves addin/dist — pane and add-in.
export const DEV_ORIGIN = 'http://127.0.0.1:8787';

/** The add-in's folder URL under an origin; an origin must be http(s) with no query. */
export function addonUrl(origin) {
  const o = String(origin).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(o)) throw new Error(`the WPS add-in needs an http(s) origin, got "${origin}"`);
  return `${o}/wps/`;
}

function xmlAttr(s) {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** jsplugins.xml listing the online add-in (type "et": WPS 表格), as wpsjs writes it. */
export function jspluginsXml(url, name = ADDON_NAME) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<jsplugins>
  <jspluginonline name="${xmlAttr(name)}" type="et" url="${xmlAttr(url)}"/>
</jsplugins>
`;
}

/** jsplugins.xml listing the offline add-in: a .7z of the duesbook_<version> folder. */
export function offlineJspluginsXml(sevenZipUrl, version, name = ADDON_NAME) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<jsplugins>
  <jsplugin name="${xmlAttr(name)}" type="et" url="${xmlAttr(sevenZipUrl)}" version="${xmlAttr(version)}" enable="true"/>
</jsplugins>
`;
}

/** main.js with the origin the offline add-in opens the pane from. */
export function mainJs(source, origin) {
  if (!source.includes('__DUESBOOK_ORIGIN__')) throw new Error('main.js lost its __DUESBOOK_ORIGIN__ placeholder');
  return source.split('__DUESBOOK_ORIGIN__').join(String(origin).replace(/\/+$/, ''));
}

/** package.json as wpsjs publish reads it: name, version and the add-in's type. */
export function publishPackage(version, name = ADDON_NAME) {
  return `${JSON.stringify({ name, version, addonType: 'et', description: 'Duesbook 党费检查 (WPS 表格加载项)' }, null, 2)}\n`;
}

export function buildWps({ dist = path.join(repo, 'addin', 'dist'), origin = process.env.DUESBOOK_URL_PROD || DEV_ORIGIN } = {}) {
  const url = addonUrl(origin);
  const shell = path.join(repo, 'addin', 'src', 'wps', 'shell');
  const out = path.join(dist, 'wps');
  const pub = path.join(dist, 'wps-publish');
  const offline = path.join(dist, 'wps-offline');
  for (const d of [out, pub, offline]) rmSync(d, { recursive: true, force: true });
  const { version } = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
  const main = mainJs(readFileSync(path.join(shell, 'main.js'), 'utf8'), url.replace(/\/wps\/$/, ''));
  const addon = (dir) => {
    cpSync(shell, dir, { recursive: true });
    writeFileSync(path.join(dir, 'main.js'), main);
  };
  addon(out);
  writeFileSync(path.join(out, 'jsplugins.xml'), jspluginsXml(url));
  addon(path.join(pub, 'wps-addon-build'));
  writeFileSync(path.join(pub, 'package.json'), publishPackage(version));
  addon(path.join(offline, `${ADDON_NAME}_${version}`));
  writeFileSync(path.join(offline, 'jsplugins.xml'), offlineJspluginsXml(`file:///C:/Users/USERNAME/AppData/Roaming/kingsoft/wps/jsaddons/${ADDON_NAME}.7z`, version));
  return { out, pub, offline, url };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { out, url } = buildWps();
  console.log(`WPS add-in: ${path.relative(repo, out)} (to be served at ${url}; jsplugins.xml and wps-publish/ beside it)`);
}
