import type { Locale } from '@guanjia/contracts';

/**
 * One typed column definition drives the template (headers, hints, drop-downs), the import
 * (parsing and row-level errors) and the export of a list.
 */
export type CellType = 'text' | 'int' | 'decimal' | 'date' | 'enum' | 'bool';

export interface Column<T> {
  key: keyof T & string;
  header: { zh: string; en: string };
  type: CellType;
  required?: boolean;
  /** Shown as a note on the header cell of the template. */
  hint?: { zh: string; en: string };
  /** enum: the stored value → label per language. */
  options?: { value: string; zh: string; en: string }[];
  maxLength?: number;
  width?: number;
  /** Values must be unique within one file. */
  unique?: boolean;
  /** Export only (e.g. derived names); not in the template or the import. */
  exportOnly?: boolean;
}

export interface SheetDef<T> {
  name: { zh: string; en: string };
  columns: Column<T>[];
  /** Imports above this many rows are refused outright. */
  maxRows?: number;
}

export const defineSheet = <T>(def: SheetDef<T>): SheetDef<T> => def;

export const label = (l: { zh: string; en: string }, locale: Locale) => (locale === 'en' ? l.en : l.zh);
