/**
 * Which files Duesbook can open: .xlsx (Office Open XML) only. An .xls (or WPS .et) workbook is
 * an OLE2 compound file, a .csv is plain text: each gets a message that says what to do — save
 * it as an Excel workbook (另存为 Excel 工作簿 *.xlsx) in WPS or Excel, then open that.
 */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

export interface NotXlsx {
  zh: string;
  en: string;
}

const SAVE_AS_ZH = '请在 WPS 或 Excel 中打开它，选择“另存为”→“Excel 工作簿（*.xlsx）”，然后打开另存的 .xlsx 文件';
const SAVE_AS_EN = 'open it in WPS or Excel, choose Save As → Excel Workbook (*.xlsx), then open the saved .xlsx file';

/** Null when the bytes look like an .xlsx package; otherwise what to tell the clerk. */
export function notXlsx(name: string, bytes: Uint8Array): NotXlsx | null {
  const starts = (sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  if (starts(ZIP)) {
    if (ext === 'xlsm' || ext === 'xltx' || ext === 'xltm' || ext === 'xlsx' || ext === '') return null;
    if (ext === 'ods' || ext === 'numbers' || ext === 'docx' || ext === 'wps') {
      return { zh: `“${name}”不是 Excel 工作簿（.${ext}）：${SAVE_AS_ZH}`, en: `"${name}" is not an Excel workbook (.${ext}): ${SAVE_AS_EN}` };
    }
    return null;
  }
  if (starts(OLE2)) {
    const kind = ext === 'et' ? 'WPS 表格（.et）' : '旧版 Excel 97-2003 工作簿（.xls）';
    const kindEn = ext === 'et' ? 'a WPS Spreadsheets file (.et)' : 'an Excel 97-2003 workbook (.xls)';
    return { zh: `“${name}”是${kind}，无法直接读取：${SAVE_AS_ZH}`, en: `"${name}" is ${kindEn}, which cannot be read: ${SAVE_AS_EN}` };
  }
  if (!bytes.length) return { zh: `“${name}”是空文件`, en: `"${name}" is empty` };
  if (ext === 'xlsx') {
    return { zh: `“${name}”不是有效的 .xlsx 工作簿（内容不是 Excel 工作簿格式，可能已损坏或被改了扩展名）：${SAVE_AS_ZH}`, en: `"${name}" is not a valid .xlsx workbook (its content is not an Excel workbook; damaged or renamed): ${SAVE_AS_EN}` };
  }
  return { zh: `“${name}”不是 .xlsx 工作簿（${ext ? `.${ext}` : '无扩展名'}）：${SAVE_AS_ZH}`, en: `"${name}" is not an .xlsx workbook${ext ? ` (.${ext})` : ''}: ${SAVE_AS_EN}` };
}
