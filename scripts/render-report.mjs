// Renders a consolidated workbook the way a real spreadsheet program prints it:
// LibreOffice headless → PDF → one PNG per page (pdftoppm), to look at layout, widths and fonts.
//
//   node scripts/render-report.mjs [REPORT.xlsx] [--out DIR] [--period 2026Q3] [--summary-png docs/report-summary.png]
//
// Without REPORT.xlsx it renders a made-up committee (bench/report-synthetic.ts).
// Needs Debian's libreoffice-calc (or -nogui), poppler-utils and fonts-noto-cjk; not run in CI.
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string', default: 'bench/out/render' },
    period: { type: 'string', default: '2026Q3' },
    'summary-png': { type: 'string' },
    dpi: { type: 'string', default: '90' },
  },
});

function need(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`]);
  if (r.status !== 0) {
    console.error(`render-report: ${cmd} not found (apt-get install -y libreoffice-calc poppler-utils fonts-noto-cjk)`);
    process.exit(2);
  }
}
need('soffice');
need('pdftoppm');

const out = path.resolve(values.out);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

let xlsx = positionals[0] ? path.resolve(positionals[0]) : '';
if (!xlsx) {
  register();
  const { syntheticReport } = await import('../bench/report-synthetic.ts');
  const { buildReport } = await import('../worker/src/reports/build.ts');
  const input = syntheticReport({ period: values.period, generals: 3, branchesPerGeneral: 3, membersPerBranch: 14, hostileNames: true });
  input.role = 'finance';
  xlsx = path.join(out, `report-${values.period}.xlsx`);
  writeFileSync(xlsx, buildReport(input));
}

// A private LibreOffice profile: no first-start dialogs, no clash with a running instance.
const profile = path.join(out, '.lo-profile');
const lo = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, xlsx], { encoding: 'utf8', timeout: 300_000 });
if (lo.status !== 0) {
  console.error(lo.stdout, lo.stderr);
  process.exit(1);
}
const pdf = path.join(out, `${path.basename(xlsx, '.xlsx')}.pdf`);
const pp = spawnSync('pdftoppm', ['-png', '-r', values.dpi, pdf, path.join(out, 'page')], { encoding: 'utf8' });
if (pp.status !== 0) {
  console.error(pp.stderr);
  process.exit(1);
}
const pages = readdirSync(out).filter((f) => /^page-\d+\.png$/.test(f)).sort();
console.log(`${xlsx}\n→ ${pdf}\n→ ${pages.length} pages in ${out}`);
if (values['summary-png'] && pages[0]) {
  copyFileSync(path.join(out, pages[0]), values['summary-png']);
  console.log(`page 1 (汇总) → ${values['summary-png']}`);
}
rmSync(profile, { recursive: true, force: true });
