import { defineSheet } from '../excel/sheet';

/** One definition for the users template, import and export. */
export interface UserSheetRow {
  username: string;
  displayName: string;
  orgUnit: string;
  orgUnitName?: string;
  rank: string | null;
  phone: string | null;
  email: string | null;
  active?: boolean;
}

export const userSheet = defineSheet<UserSheetRow>({
  name: { zh: '用户', en: 'Users' },
  maxRows: 20_000,
  columns: [
    { key: 'username', header: { zh: '用户名', en: 'Username' }, type: 'text', required: true, unique: true, maxLength: 32,
      hint: { zh: '3–32 位字母、数字、下划线、点或横线', en: '3–32 letters, digits, _ . -' } },
    { key: 'displayName', header: { zh: '姓名', en: 'Name' }, type: 'text', required: true, maxLength: 50 },
    { key: 'orgUnit', header: { zh: '所属单位编码', en: 'Org unit code' }, type: 'text', required: true, width: 24,
      hint: { zh: '统一社会信用代码、行政区划代码,或组织编号', en: 'Unified social credit code, division code, or org unit ID' } },
    { key: 'orgUnitName', header: { zh: '所属单位', en: 'Org unit' }, type: 'text', exportOnly: true, width: 30 },
    { key: 'rank', header: { zh: '职级编码', en: 'Rank code' }, type: 'text', maxLength: 40, hint: { zh: '见职级表,如 division_chief', en: 'From the rank list, e.g. division_chief' } },
    { key: 'phone', header: { zh: '手机', en: 'Phone' }, type: 'text', maxLength: 11 },
    { key: 'email', header: { zh: '邮箱', en: 'Email' }, type: 'text', maxLength: 100 },
    { key: 'active', header: { zh: '启用', en: 'Active' }, type: 'bool', exportOnly: true, width: 8 },
  ],
});
