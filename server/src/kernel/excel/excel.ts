import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Locale } from '@guanjia/contracts';
import { AppError } from '../http/errors';
import { translate } from '../i18n/messages';
import { label, type Column, type SheetDef } from './sheet';
import { assertSafeZip } from './zip-guard';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4FF' } };
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export { XLSX_MIME };

function headerRow(ws: ExcelJS.Worksheet, cols: Column<unknown>[], locale: Locale): void {
  ws.columns = cols.map((c) => ({ header: label(c.header, locale) + (c.required ? ' *' : ''), key: c.key, width: c.width ?? 18 }));
  const row = ws.getRow(1);
  row.font = { bold: true };
  row.fill = HEADER_FILL;
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

/** An empty workbook with the headers, a note per column and drop-downs for enums. */
export async function buildTemplate<T>(def: SheetDef<T>, locale: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(label(def.name, locale));
  const cols = def.columns.filter((c) => !c.exportOnly) as Column<unknown>[];
  headerRow(ws, cols, locale);
  cols.forEach((c, i) => {
    const cell = ws.getRow(1).getCell(i + 1);
    const hints = [c.hint ? label(c.hint, locale) : '', c.options ? c.options.map((o) => label(o, locale)).join(' / ') : '', c.type === 'date' ? 'YYYY-MM-DD' : '']
      .filter(Boolean)
      .join('\n');
    if (hints) cell.note = hints;
    if (c.options || c.type === 'bool') {
      const list = c.options ? c.options.map((o) => label(o, locale)) : locale === 'en' ? ['yes', 'no'] : ['是', '否'];
      for (let r = 2; r <= 1001; r++)
        ws.getRow(r).getCell(i + 1).dataValidation = { type: 'list', allowBlank: !c.required, formulae: [`"${list.join(',')}"`] };
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A list as a workbook, one row per item, in the given language. */
export async function buildExport<T>(def: SheetDef<T>, rows: T[], locale: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(label(def.name, locale));
  const cols = def.columns as Column<unknown>[];
  headerRow(ws, cols, locale);
  for (const row of rows) ws.addRow(cols.map((c) => cellValue(c, (row as Record<string, unknown>)[c.key], locale)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A large list as a workbook, written row by row (ExcelJS streaming writer): memory stays bounded
 * by the output, not by a model of the whole workbook. `fill` adds rows and may await between batches.
 */
export async function buildExportStreaming<T>(def: SheetDef<T>, locale: Locale, fill: (add: (row: T) => void) => Promise<void>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => sink.on('end', resolve).on('error', reject));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true });
  const ws = wb.addWorksheet(label(def.name, locale));
  const cols = def.columns as Column<unknown>[];
  ws.columns = cols.map((c) => ({ header: label(c.header, locale), key: c.key, width: c.width ?? 18 }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  await fill((row) => ws.addRow(cols.map((c) => cellValue(c, (row as Record<string, unknown>)[c.key], locale))).commit());
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

function cellValue(c: Column<unknown>, v: unknown, locale: Locale): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (c.options) {
    const o = c.options.find((x) => x.value === v);
    return o ? label(o, locale) : String(v);
  }
  if (c.type === 'bool') return v ? (locale === 'en' ? 'yes' : '是') : locale === 'en' ? 'no' : '否';
  if (c.type === 'date' && v instanceof Date) return v.toISOString().slice(0, 10);
  return v as ExcelJS.CellValue;
}

export interface RowError { row: number; column: string; message: string }

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return v.result === undefined ? '' : cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v);
}

function parseCell(c: Column<unknown>, raw: ExcelJS.CellValue, locale: Locale): { value?: unknown; error?: string } {
  const text = cellText(raw).trim();
  if (text === '') return c.required ? { error: translate(locale, 'cell_required') } : { value: null };
  switch (c.type) {
    case 'text':
      return c.maxLength && text.length > c.maxLength ? { error: translate(locale, 'cell_too_long', { max: c.maxLength }) } : { value: text };
    case 'int':
      return /^-?\d+$/.test(text) ? { value: Number(text) } : { error: translate(locale, 'cell_integer') };
    case 'decimal':
      // Kept as a string: exact decimals go to numeric columns untouched.
      return /^-?\d+(\.\d+)?$/.test(text) ? { value: text } : { error: translate(locale, 'cell_number') };
    case 'date': {
      const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
      if (!m) return { error: translate(locale, 'cell_date') };
      const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
      return Number.isNaN(Date.parse(iso)) || new Date(iso).toISOString().slice(0, 10) !== iso ? { error: translate(locale, 'cell_date') } : { value: iso };
    }
    case 'bool': {
      if (['是', 'yes', 'y', 'true', '1'].includes(text.toLowerCase())) return { value: true };
      if (['否', 'no', 'n', 'false', '0'].includes(text.toLowerCase())) return { value: false };
      return { error: translate(locale, 'cell_bool') };
    }
    case 'enum': {
      const o = c.options?.find((x) => x.zh === text || x.en.toLowerCase() === text.toLowerCase() || x.value === text);
      return o ? { value: o.value } : { error: translate(locale, 'cell_enum', { options: (c.options ?? []).map((x) => label(x, locale)).join(' / ') }) };
    }
  }
}

/**
 * Reads an uploaded workbook against the sheet definition. Headers are matched by their Chinese
 * or English text (order free, ' *' ignored). Returns typed rows with their sheet row numbers and
 * every cell error; the caller adds its own checks (database lookups) and, if any error remains,
 * throws `importFailed(errors)` and saves nothing.
 */
export async function parseImport<T>(def: SheetDef<T>, file: Buffer, locale: Locale): Promise<{ rows: { row: number; value: T }[]; errors: RowError[] }> {
  if (file.subarray(0, 4).toString('binary') !== 'PK\x03\x04') throw new AppError('excel_not_xlsx', 400);
  assertSafeZip(file);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new AppError('excel_not_xlsx', 400);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('excel_empty', 400);
  const cols = def.columns.filter((c) => !c.exportOnly) as Column<unknown>[];
  const header = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => header.set(cellText(cell.value).replace(/\s*\*\s*$/, '').trim(), col));
  const positions = cols.map((c) => header.get(c.header.zh) ?? header.get(c.header.en));
  const missing = cols.filter((c, i) => positions[i] === undefined && c.required).map((c) => label(c.header, locale));
  if (missing.length) throw new AppError('excel_headers', 400, { missing: missing.join(', ') });

  const maxRows = def.maxRows ?? 50_000;
  if (ws.actualRowCount - 1 > maxRows) throw new AppError('excel_too_many_rows', 400, { max: maxRows });
  const rows: { row: number; value: T }[] = [];
  const errors: RowError[] = [];
  const seen = cols.map(() => new Map<string, number>());
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    if (rowNumber === 1) return;
    const values = cols.map((_, i) => (positions[i] === undefined ? null : r.getCell(positions[i]!).value));
    if (values.every((v) => cellText(v).trim() === '')) return;
    const out: Record<string, unknown> = {};
    cols.forEach((c, i) => {
      const { value, error } = parseCell(c, values[i] ?? null, locale);
      if (error) return void errors.push({ row: rowNumber, column: label(c.header, locale), message: error });
      out[c.key] = value;
      if (c.unique && value !== null) {
        const key = String(value).toLowerCase();
        const first = seen[i]!.get(key);
        if (first) errors.push({ row: rowNumber, column: label(c.header, locale), message: translate(locale, 'cell_duplicate', { row: first }) });
        else seen[i]!.set(key, rowNumber);
      }
    });
    rows.push({ row: rowNumber, value: out as T });
  });
  if (rows.length === 0) throw new AppError('excel_empty', 400);
  return { rows, errors };
}

/** The all-or-nothing failure: every bad row, and the count of distinct rows in the message. */
export function importFailed(unsorted: RowError[]): AppError {
  const errors = [...unsorted].sort((a, b) => a.row - b.row);
  const count = new Set(errors.map((e) => e.row)).size;
  return new AppError('excel_invalid', 422, { count }, errors.map((e) => ({ row: e.row, column: e.column, message: e.message })));
}
