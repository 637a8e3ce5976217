/**
 * How `duesbook check` shows findings: for a person (grouped by severity and sheet, with cell
 * addresses and a one-line summary, colour only on a terminal) or as the checks.md JSON object.
 */
import { styleText } from 'node:util';
import type { CheckResult } from '../shared/check';
import type { Severity } from '../shared/findings/codes';
import { fixLabel } from '../shared/findings/collect';

export type Lang = 'zh' | 'en';

/** Exactly the object checks.md specifies for `--json`. */
export function jsonReport(workbook: string, result: CheckResult, lang: Lang) {
  return {
    workbook,
    reportDate: result.asOf,
    findings: result.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      sheet: f.sheet,
      cell: f.cell,
      message: lang === 'en' ? f.messageEn : f.message,
      fix: f.fix,
    })),
    summary: {
      errors: result.summary.errors,
      warnings: result.summary.warnings,
      infos: result.summary.infos,
      members: result.summary.members,
    },
  };
}

const HEADINGS: Record<Severity, Record<Lang, string>> = {
  error: { zh: '错误', en: 'Errors' },
  warning: { zh: '警告', en: 'Warnings' },
  info: { zh: '提示', en: 'Information' },
};
const COLOURS: Record<Severity, 'red' | 'yellow' | 'cyan'> = { error: 'red', warning: 'yellow', info: 'cyan' };

export function summaryLine(workbook: string, result: CheckResult, lang: Lang): string {
  const s = result.summary;
  return lang === 'en'
    ? `${workbook} as of ${result.asOf}: ${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info, ${s.members} member(s)`
    : `${workbook}（截至 ${result.asOf}）：${s.errors} 个错误，${s.warnings} 个警告，${s.infos} 条提示，党员 ${s.members} 名`;
}

/** The report for a person; `colour` only when writing to a terminal. */
export function humanReport(workbook: string, result: CheckResult, lang: Lang, colour: boolean): string {
  const paint = (c: Parameters<typeof styleText>[0], s: string) => (colour ? styleText(c, s) : s);
  const lines: string[] = [];
  for (const sev of ['error', 'warning', 'info'] as const) {
    const list = result.findings.filter((f) => f.severity === sev);
    if (!list.length) continue;
    lines.push(paint(['bold', COLOURS[sev]], `${HEADINGS[sev][lang]} (${list.length})`));
    let sheet: string | null = null;
    for (const f of list) {
      if (f.sheet !== sheet) {
        sheet = f.sheet;
        lines.push(`  ${paint('bold', sheet || '-')}`);
      }
      const fix = f.fix === null ? '' : paint('dim', lang === 'en' ? `  → fix: ${fixLabel(f)}` : `  → 修正为：${fixLabel(f)}`);
      // The member beside the cell (issue 12): a clerk corrects a person.
      const who = f.member ? `${paint('bold', f.member)} ` : '';
      lines.push(`    ${f.cell.padEnd(6)} ${paint(COLOURS[sev], f.code.padEnd(22))} ${who}${lang === 'en' ? f.messageEn : f.message}${fix}`);
    }
    lines.push('');
  }
  const line = summaryLine(workbook, result, lang);
  lines.push(paint(['bold', result.summary.errors ? 'red' : 'green'], line));
  return `${lines.join('\n')}\n`;
}
