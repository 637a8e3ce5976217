/**
 * Words of the clerk's path added by issue 12 (in-place correction, the submission window, the
 * wrong-branch guard, the confirmation, the receipt, a return's note), Chinese first. Kept apart
 * from dictionary.ts so that hub stays small; the same {name} placeholders.
 */
import type { Lang } from './dictionary';

const WORDS = {
  inPlaceTitle: { zh: '在表中修改：{where}', en: 'Correct in the sheet: {where}' },
  inPlaceValue: { zh: '{cell} 的新值', en: 'New value of {cell}' },
  inPlaceSave: { zh: '保存并复查', en: 'Save and re-check' },
  inPlaceClose: { zh: '关闭', en: 'Close' },
  inPlaceFormula: { zh: '此单元格是公式，不能直接修改；请修改它引用的单元格。', en: 'This cell holds a formula and is not written; correct the cells it uses.' },
  inPlaceCleared: { zh: '复查通过：{cell} 已无问题。', en: 'Re-checked: {cell} has no finding now.' },
  inPlaceStill: { zh: '复查后仍有问题：', en: 'Still found after the re-check:' },
  inPlaceChecking: { zh: '正在复查…', en: 'Re-checking…' },
  inPlaceNoSheet: { zh: '找不到工作表“{sheet}”。', en: 'Sheet "{sheet}" not found.' },
  notOpenYet: { zh: '{quarter}尚未结束，{date}起才能报送（党委设定）。请报送已结束的季度。', en: '{quarter} is still running; it may be submitted from {date} (the committee\'s rule). Submit an ended quarter.' },
  runningOption: { zh: '{quarter}（进行中）', en: '{quarter} (running)' },
  branchMismatch: { zh: '工作簿写明的党支部“{workbook}”（{where}）与登录的“{signedIn}”不一致。', en: 'The workbook names "{workbook}" ({where}), not "{signedIn}", the branch signed in.' },
  branchConfirm: { zh: '我已核实，这是本支部的工作簿，仍要报送（财务将看到此提示）', en: 'I checked: this is our workbook; submit anyway (finance will see this warning)' },
  confirmTitle: { zh: '确认报送{quarter}', en: 'Submit {quarter}?' },
  confirmLead: { zh: '将报送以下内容（{branch}）：', en: 'This is what will be sent ({branch}):' },
  confirmSend: { zh: '确认报送', en: 'Submit' },
  confirmCancel: { zh: '取消', en: 'Cancel' },
  confirmWarnings: { zh: '随报送提交的警告（{n} 条）', en: 'Warnings sent with it ({n})' },
  confirmNoWarnings: { zh: '没有随报送提交的警告。', en: 'No warnings travel with it.' },
  confirmMore: { zh: '……另有 {n} 条', en: '… and {n} more' },
  receiptTitle: { zh: '回执：{quarter} 第 {revision} 版（{status}）', en: 'Receipt: {quarter}, revision {revision} ({status})' },
  receiptAt: { zh: '接收时间', en: 'Received' },
  receiptUnchanged: { zh: '内容与第 {revision} 版相同，未生成新版本。', en: 'Same content as revision {revision}: no new revision was made.' },
  returnedTitle: { zh: '已退回：{quarter} 第 {revision} 版', en: 'Returned: {quarter}, revision {revision}' },
  returnedBy: { zh: '{by}，{at}', en: '{by}, {at}' },
  returnedNote: { zh: '退回意见：{note}', en: 'Note: {note}' },
  returnedSomeone: { zh: '财务', en: 'Finance' },
  mappingKeptWorkbook: { zh: '设置将保存在工作簿中。', en: 'The choice is saved in the workbook.' },
  mappingKeptSession: { zh: '浏览器模式：设置只在本页面打开期间有效，不写入文件；刷新或重新打开后需再次指定（命令行可用 --mapping 文件）。', en: 'Browser mode: the choice lasts while this page is open and is not written into the file; after a reload choose again (the command line takes a --mapping file).' },
  mappingDetected: { zh: '已按识别到的表头（第 {row} 行）预填，请核对。', en: 'Prefilled from the headers found on row {row}; please check.' },
  // h12: a returned quarter sent again unchanged; the committee's column mapping.
  receiptStillReturned: { zh: '内容与退回时相同，仍为已退回，请按退回意见修改后再报送。', en: 'Same content as when it was returned: it stays returned. Correct it as the note says, then submit again.' },
  mappingCommitteeSave: { zh: '保存为全党委通用设置', en: 'Save for the whole committee' },
  mappingCommitteeLabel: { zh: '模板名称（财务可见，如“统一登记表模板”）', en: 'Template name (finance sees it, e.g. "standard register template")' },
  mappingCommitteeConfirm: { zh: '确认保存：党委所有支部中表头相同的工作表都将使用这一列设置（各支部工作簿自己的设置优先）。', en: 'Save? Every branch of the committee whose sheet has the same headers will use these columns (a workbook\'s own setting comes first).' },
  mappingCommitteeConfirmButton: { zh: '确认保存', en: 'Save' },
  mappingCommitteeCancel: { zh: '取消', en: 'Cancel' },
  mappingCommitteeSaved: { zh: '已保存为全党委通用设置：{label}', en: 'Saved for the committee: {label}' },
  mappingCommitteeFailed: { zh: '未能保存为全党委通用设置：{reason}', en: 'Could not save for the committee: {reason}' },
  mappingCommitteeUsed: { zh: '已使用党委保存的列设置：{sheets}（{label}，{by} 保存）', en: 'Using the committee\'s saved columns: {sheets} ({label}, saved by {by})' },
} as const;

export type ClerkWord = keyof typeof WORDS;

export function cw(lang: Lang, k: ClerkWord, vars?: Record<string, string | number>): string {
  const text: string = WORDS[k][lang];
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}
