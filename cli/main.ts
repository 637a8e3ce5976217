/**
 * `duesbook check|fix|mark|submit|admin|report`: dispatch to one module per command, loaded on demand
 * so `check` never pays for the network code. Each command returns its exit status.
 */
const USAGE = `Usage:
  duesbook check WORKBOOK.xlsx [--as-of YYYY-MM-DD] [--year YYYY] [--json] [--lang en]
  duesbook fix WORKBOOK.xlsx -o OUT.xlsx [--as-of YYYY-MM-DD] [--only CODE,...] [--lang en]
  duesbook mark WORKBOOK.xlsx -o OUT.xlsx [--as-of YYYY-MM-DD] [--only CODE,...] [--lang en]
  duesbook submit WORKBOOK.xlsx --quarter 2026Q3 [--server URL] [--token TOKEN]
  duesbook admin org|token|bootstrap ...   (duesbook admin: the details)
  duesbook report PERIOD -o FILE.xlsx [--org CODE] [--server URL] [--token TOKEN]
  duesbook accounts shares|share|remittances|remit|show|record|large ...   (duesbook accounts --help)
  duesbook approvals list|add|confirm|reject|withdraw|revoke|effects ...   (少交/免交/缓交/补交)
  duesbook transfers list|add|withdraw ...   (组织关系转接, 党费交至年月)
  duesbook mapping list|save|delete ...   (the committee's column mappings, by template)
  duesbook baseline fix|show|change ...   (核定本年度党费, 年初核定)`;

type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, () => Promise<{ run: Command }>> = {
  check: () => import('./commands/check'),
  fix: () => import('./commands/fix'),
  mark: () => import('./commands/mark'),
  submit: () => import('./commands/submit'),
  admin: () => import('./commands/admin'),
  report: () => import('./commands/report'),
  accounts: () => import('./commands/accounts'),
  approvals: () => import('./commands/approvals'),
  transfers: () => import('./commands/transfers'),
  mapping: () => import('./commands/mapping'),
  baseline: () => import('./commands/baseline'),
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`duesbook: unknown command "${name}"\n${USAGE}\n`);
    return 2;
  }
  const mod = await load();
  return mod.run(rest);
}
