/**
 * `duesbook mapping list|save|delete` — a committee's column mappings (issue 12), for finance or
 * an administrator of the 党委: save a mapping file (the pane's 指定列 JSON, as `check --mapping`
 * reads it) for the template of a workbook's sheet, so every branch using that template gets it;
 * list what is saved; delete one. The key is the sheet's template fingerprint
 * (shared/mapping/fingerprint.ts): a hash of its header words, nothing of the members.
 * Exit 0: done; 1: the server refused or failed; 2: the arguments, workbook or mapping file are wrong.
 */
import { readFile } from 'node:fs/promises';
import { columnLetters } from '../../shared/a1';
import { FingerprintSchema, SaveMappingRequestSchema, templateBody, type CommitteeMapping } from '../../shared/api/mappings';
import { deleteMapping, listMappings, saveMapping } from '../../shared/api/mappings-client';
import { sheetFingerprint, templateOf } from '../../shared/mapping/fingerprint';
import { readWorkbook, WorkbookReadError } from '../../shared/xlsx/read';
import { ApiError, client, connection, said } from '../api/client';
import { parseCommand, usageError } from '../args';
import { readMappingFile } from './check';

const USAGE = `Usage:
  duesbook mapping list [--json]
  duesbook mapping save WORKBOOK.xlsx --mapping FILE.json --label NAME [--sheet SHEET]
  duesbook mapping delete FINGERPRINT
  save: each sheet the mapping file names (or only --sheet) is saved for the committee under its template's fingerprint.
  Server and token: --server URL --token TOKEN, or DUESBOOK_SERVER / DUESBOOK_TOKEN (finance or admin of the 党委 to save or delete).`;
const COMMAND = { name: 'mapping', usage: USAGE };
const say = (s: string) => process.stdout.write(`${s}\n`);

export function mappingLines(m: CommitteeMapping): string[] {
  const cols = Object.entries(m.mapping.columns).map(([f, c]) => `${f}=${columnLetters(c)}`).join(' ');
  const months = Object.entries(m.mapping.months ?? {}).map(([n, c]) => `${n}月=${columnLetters(c)}`).join(' ');
  return [
    `${m.fingerprint}  ${m.label}  (${m.mapping.kind}${m.mapping.layout ? `, ${m.mapping.layout}` : ''})`,
    `  ${cols}${months ? ` ${months}` : ''}`,
    `  ${m.savedBy ?? '?'}，${m.savedAt}`,
  ];
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(COMMAND, argv, {
    json: { type: 'boolean', default: false }, mapping: { type: 'string' }, label: { type: 'string' }, sheet: { type: 'string' },
    server: { type: 'string' }, token: { type: 'string' },
  });
  if (typeof args === 'number') return args;
  const { values: v, positionals } = args;
  const [sub, target] = positionals;
  if (sub !== 'list' && sub !== 'save' && sub !== 'delete') return usageError(COMMAND, sub ? `unknown sub-command "${sub}"` : 'say what to do: list, save or delete');

  // Everything that can be checked here is, before anything is sent.
  const saves: { sheet: string; fingerprint: string; body: ReturnType<typeof SaveMappingRequestSchema.parse> }[] = [];
  if (sub === 'delete' && !FingerprintSchema.safeParse(target ?? '').success) {
    return usageError(COMMAND, `delete needs a fingerprint as \`duesbook mapping list\` prints it (t1- and 32 hex digits), got "${target ?? ''}"`);
  }
  if (sub === 'save') {
    if (!target) return usageError(COMMAND, 'save needs the workbook whose template it is');
    if (!v.mapping) return usageError(COMMAND, 'save needs --mapping FILE.json (the columns to save)');
    if (!v.label?.trim()) return usageError(COMMAND, 'save needs --label NAME (how finance will recognise the template)');
    const file = await readMappingFile(v.mapping);
    if (typeof file === 'string') return usageError(COMMAND, file);
    let grids;
    try {
      grids = await readWorkbook(await readFile(target));
    } catch (e) {
      if (e instanceof WorkbookReadError || (e as NodeJS.ErrnoException).code) return usageError(COMMAND, `cannot read ${target}: ${(e as Error).message}`);
      throw e;
    }
    const names = v.sheet ? [v.sheet] : Object.keys(file);
    if (!names.length) return usageError(COMMAND, `${v.mapping} names no sheet`);
    for (const sheet of names) {
      const m = file[sheet];
      if (!m) return usageError(COMMAND, `${v.mapping} has no mapping for sheet "${sheet}"`);
      const grid = grids.find((g) => g.name === sheet);
      if (!grid) return usageError(COMMAND, `${target} has no sheet "${sheet}" (its sheets: ${grids.map((g) => g.name).join(', ')})`);
      const fingerprint = sheetFingerprint(grid, m.headerRow);
      if (!fingerprint) return usageError(COMMAND, `sheet "${sheet}" row ${m.headerRow + 1} (headerRow ${m.headerRow}) holds too few header words to identify its template`);
      const body = SaveMappingRequestSchema.safeParse({ label: v.label, mapping: templateBody(templateOf(m)) });
      if (!body.success) return usageError(COMMAND, `sheet "${sheet}": ${body.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
      saves.push({ sheet, fingerprint, body: body.data });
    }
  }
  const conn = connection(v, process.env);
  if ('missing' in conn) return usageError(COMMAND, conn.missing);
  const api = client(conn);
  try {
    if (sub === 'list') {
      const list = await listMappings(api);
      if (v.json) say(JSON.stringify(list, null, 2));
      else if (!list.mappings.length) say(`${list.committee} 没有保存的列设置 / no committee mappings`);
      else for (const m of list.mappings) mappingLines(m).forEach(say);
      return 0;
    }
    if (sub === 'delete') {
      await deleteMapping(api, target!);
      say(`已删除 / Deleted: ${target}`);
      return 0;
    }
    for (const s of saves) {
      const { mapping, created } = await saveMapping(api, s.fingerprint, s.body);
      say(`${created ? '已保存 / Saved' : '已替换 / Replaced'}: ${s.sheet} → ${mapping.label} (${mapping.fingerprint})`);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    process.stderr.write(`duesbook mapping: ${said(e)}\n`);
    return 1;
  }
}
