import { ROOM_SUB_TYPES } from '@guanjia/contracts/office';
import { defineSheet } from '../../kernel/excel/sheet';

const CLASS = [
  { value: 'office', zh: '办公室', en: 'Office' },
  { value: 'service', zh: '服务用房', en: 'Service room' },
  { value: 'plant', zh: '设备用房', en: 'Plant room' },
  { value: 'ancillary', zh: '附属用房', en: 'Ancillary room' },
];
const SUB_LABELS: Record<string, [string, string]> = {
  office: ['办公室', 'Office'], meeting: ['会议室', 'Meeting room'], archive: ['档案室', 'Archive'], reception: ['接待室', 'Reception'], print: ['文印室', 'Print room'],
  mail: ['收发室', 'Mail room'], library: ['资料室', 'Library'], other: ['其他', 'Other'], network: ['网络机房', 'Network room'], electrical: ['配电室', 'Electrical room'],
  hvac: ['空调机房', 'HVAC room'], canteen: ['食堂', 'Canteen'], garage: ['车库', 'Garage'], civil_defence: ['人防用房', 'Civil-defence room'], fire_control: ['消防控制室', 'Fire-control room'],
};
const SUB = [...new Set(Object.values(ROOM_SUB_TYPES).flat())].map((v) => ({ value: v, zh: SUB_LABELS[v]![0], en: SUB_LABELS[v]![1] }));
const STATUS = [
  { value: 'in_use', zh: '在用', en: 'In use' },
  { value: 'vacant', zh: '空置', en: 'Vacant' },
  { value: 'under_repair', zh: '维修中', en: 'Under repair' },
  { value: 'leased_out', zh: '出租', en: 'Leased out' },
  { value: 'disposed', zh: '已处置', en: 'Disposed' },
];
const STRUCTURE = [
  { value: 'frame', zh: '框架', en: 'Frame' },
  { value: 'brick_concrete', zh: '砖混', en: 'Brick-concrete' },
  { value: 'steel', zh: '钢结构', en: 'Steel' },
  { value: 'shear_wall', zh: '剪力墙', en: 'Shear wall' },
  { value: 'other', zh: '其他', en: 'Other' },
];
const KIND = [{ value: 'main', zh: '主办公室', en: 'Main office' }, { value: 'extra', zh: '兼职办公室', en: 'Extra office' }];
const ORG = { zh: '单位(统一社会信用代码或编号)', en: 'Organ (USCC or ID)' };
/**
 * A `decimal` cell: read from a file as an exact string (for numeric columns), written to an
 * export as a number, so that Excel sums it (a string would be a text cell that SUM skips).
 */
export type Decimal = string | number;

export interface BuildingRow { code: string; name: string; orgUnit: string; address: string | null; titleCertNo: string | null; certArea: Decimal | null; owner: string | null; grossArea: Decimal; yearBuilt: number | null; structure: string | null; lat: Decimal | null; lng: Decimal | null; orgUnitName?: string }
export const buildingSheet = defineSheet<BuildingRow>({
  name: { zh: '办公用房建筑', en: 'Buildings' },
  columns: [
    { key: 'code', header: { zh: '建筑编码', en: 'Code' }, type: 'text', required: true, unique: true, maxLength: 40 },
    { key: 'name', header: { zh: '建筑名称', en: 'Name' }, type: 'text', required: true, maxLength: 100, width: 30 },
    { key: 'orgUnit', header: ORG, type: 'text', required: true, width: 24 },
    { key: 'orgUnitName', header: { zh: '单位名称', en: 'Organ name' }, type: 'text', exportOnly: true, width: 30 },
    { key: 'address', header: { zh: '地址', en: 'Address' }, type: 'text', maxLength: 200, width: 36 },
    { key: 'titleCertNo', header: { zh: '不动产权证号', en: 'Title certificate no.' }, type: 'text', maxLength: 200, width: 30 },
    { key: 'certArea', header: { zh: '权证面积(m²)', en: 'Certificate area (m²)' }, type: 'decimal' },
    { key: 'owner', header: { zh: '产权人', en: 'Owner' }, type: 'text', maxLength: 100 },
    { key: 'grossArea', header: { zh: '建筑面积(m²)', en: 'Gross area (m²)' }, type: 'decimal', required: true },
    { key: 'yearBuilt', header: { zh: '建成年份', en: 'Year built' }, type: 'int' },
    { key: 'structure', header: { zh: '结构', en: 'Structure' }, type: 'enum', options: STRUCTURE },
    { key: 'lat', header: { zh: '纬度', en: 'Latitude' }, type: 'decimal' },
    { key: 'lng', header: { zh: '经度', en: 'Longitude' }, type: 'decimal' },
  ],
});

export interface RoomRow { buildingCode: string; floor: number; number: string; roomClass: string; subType: string; usableArea: Decimal; grossArea: Decimal; washroomArea: Decimal | null; capacity: number | null; status: string | null; orgUnit: string | null; orgUnitName?: string; occupants?: number; verdict?: string | null; overArea?: number | null }
export const roomSheet = defineSheet<RoomRow>({
  name: { zh: '办公用房房间', en: 'Rooms' },
  maxRows: 50_000,
  columns: [
    { key: 'buildingCode', header: { zh: '建筑编码', en: 'Building code' }, type: 'text', required: true },
    { key: 'floor', header: { zh: '楼层', en: 'Floor' }, type: 'int', required: true, hint: { zh: '地下层用负数', en: 'Basements negative' } },
    { key: 'number', header: { zh: '房间号', en: 'Room no.' }, type: 'text', required: true, maxLength: 20 },
    { key: 'roomClass', header: { zh: '用房类别', en: 'Class' }, type: 'enum', required: true, options: CLASS },
    { key: 'subType', header: { zh: '用途', en: 'Use' }, type: 'enum', required: true, options: SUB },
    { key: 'usableArea', header: { zh: '使用面积(m²)', en: 'Usable area (m²)' }, type: 'decimal', required: true },
    { key: 'grossArea', header: { zh: '建筑面积(m²)', en: 'Gross area (m²)' }, type: 'decimal', required: true },
    { key: 'washroomArea', header: { zh: '卫生间面积(m²)', en: 'Washroom (m²)' }, type: 'decimal' },
    { key: 'capacity', header: { zh: '可容纳人数', en: 'Capacity' }, type: 'int' },
    { key: 'status', header: { zh: '状态', en: 'Status' }, type: 'enum', options: STATUS },
    { key: 'orgUnit', header: { zh: '使用单位(统一社会信用代码或编号)', en: 'Using organ (USCC or ID)' }, type: 'text', hint: { zh: '空则为建筑所属单位', en: 'Empty: the building’s organ' } },
    { key: 'orgUnitName', header: { zh: '使用单位', en: 'Using organ' }, type: 'text', exportOnly: true, width: 30 },
    { key: 'occupants', header: { zh: '在岗人数', en: 'Occupants' }, type: 'int', exportOnly: true },
    { key: 'verdict', header: { zh: '核定结果', en: 'Verdict' }, type: 'enum', exportOnly: true, options: [
      { value: 'compliant', zh: '达标', en: 'Compliant' }, { value: 'over', zh: '超标', en: 'Over' }, { value: 'no_standard', zh: '无适用标准', en: 'No standard' }, { value: 'unoccupied', zh: '无人使用', en: 'Unoccupied' }] },
    { key: 'overArea', header: { zh: '超标面积(m²)', en: 'Over (m²)' }, type: 'decimal', exportOnly: true },
  ],
});

export interface OccupantRow { orgUnit: string; name: string; rank: string; buildingCode: string | null; roomNumber: string | null; kind: string | null; from: string | null }
export const occupantSheet = defineSheet<OccupantRow>({
  name: { zh: '办公室使用人员', en: 'Occupants' },
  columns: [
    { key: 'orgUnit', header: ORG, type: 'text', required: true },
    { key: 'name', header: { zh: '姓名', en: 'Name' }, type: 'text', required: true, maxLength: 50 },
    { key: 'rank', header: { zh: '职级', en: 'Rank' }, type: 'text', required: true, hint: { zh: '职级代码或名称,如 正处级', en: 'Rank code or name' } },
    { key: 'buildingCode', header: { zh: '建筑编码', en: 'Building code' }, type: 'text' },
    { key: 'roomNumber', header: { zh: '房间号', en: 'Room no.' }, type: 'text' },
    { key: 'kind', header: { zh: '办公室类型', en: 'Office kind' }, type: 'enum', options: KIND },
    { key: 'from', header: { zh: '起始日期', en: 'From' }, type: 'date' },
  ],
});

export interface SurveyRow { buildingCode: string; roomNumber: string; usableArea: string; roomClass: string; occupants: number | null; surveyedOn: string }
export const surveySheet = defineSheet<SurveyRow>({
  name: { zh: '办公用房清查', en: 'Survey' },
  maxRows: 100_000,
  columns: [
    { key: 'buildingCode', header: { zh: '建筑编码', en: 'Building code' }, type: 'text', required: true },
    { key: 'roomNumber', header: { zh: '房间号', en: 'Room no.' }, type: 'text', required: true },
    { key: 'usableArea', header: { zh: '实测使用面积(m²)', en: 'Measured usable area (m²)' }, type: 'decimal', required: true },
    { key: 'roomClass', header: { zh: '实际用途类别', en: 'Actual class' }, type: 'enum', required: true, options: CLASS },
    { key: 'occupants', header: { zh: '实际人数', en: 'People found' }, type: 'int' },
    { key: 'surveyedOn', header: { zh: '清查日期', en: 'Surveyed on' }, type: 'date', required: true },
  ],
});

export interface LedgerRow { orgUnit: string; year: number; buildingCode: string; roomNumber: string; roomClass: string; usableArea: string }
/** 单位台账: the rooms an organ declares it holds at the end of a year (its own sub-ledger). */
export const ledgerSheet = defineSheet<LedgerRow>({
  name: { zh: '单位办公用房台账', en: 'Organ ledger' },
  maxRows: 50_000,
  columns: [
    { key: 'orgUnit', header: { zh: '申报单位(统一社会信用代码或编号)', en: 'Declaring organ (USCC or ID)' }, type: 'text', required: true, width: 24 },
    { key: 'year', header: { zh: '年度', en: 'Year' }, type: 'int', required: true },
    { key: 'buildingCode', header: { zh: '建筑编码', en: 'Building code' }, type: 'text', required: true },
    { key: 'roomNumber', header: { zh: '房间号', en: 'Room no.' }, type: 'text', required: true, maxLength: 20 },
    { key: 'roomClass', header: { zh: '用房类别', en: 'Class' }, type: 'enum', required: true, options: CLASS },
    { key: 'usableArea', header: { zh: '使用面积(m²)', en: 'Usable area (m²)' }, type: 'decimal', required: true },
  ],
});

export const DIFF_KINDS = [
  { value: 'missing_in_records', zh: '账实:台账无此房间', en: 'Survey: not in the records' },
  { value: 'missing_in_survey', zh: '账实:清查未见', en: 'Survey: not found' },
  { value: 'area', zh: '账实:面积不符', en: 'Survey: area differs' },
  { value: 'class', zh: '账实:用途不符', en: 'Survey: class differs' },
  { value: 'certificate', zh: '账证不符', en: 'Title certificate differs' },
  { value: 'ledger_missing_in_master', zh: '账账:总账无此房间', en: 'Ledgers: not in the master ledger' },
  { value: 'ledger_missing_in_ledger', zh: '账账:单位台账未列', en: 'Ledgers: not in the organ ledger' },
  { value: 'ledger_area', zh: '账账:面积不符', en: 'Ledgers: area differs' },
  { value: 'ledger_class', zh: '账账:用途不符', en: 'Ledgers: class differs' },
  { value: 'ledger_organ', zh: '账账:使用单位不符', en: 'Ledgers: organ differs' },
];
export interface DiffRow { kind: string; orgUnitName: string | null; buildingCode: string; roomNumber: string | null; recorded: string | null; surveyed: string | null }
/** The reconciliation report as a workbook: every difference, its kind, the record and the other side. */
export const diffSheet = defineSheet<DiffRow>({
  name: { zh: '对账差异', en: 'Differences' },
  columns: [
    { key: 'kind', header: { zh: '差异类型', en: 'Difference' }, type: 'enum', options: DIFF_KINDS, width: 26 },
    { key: 'orgUnitName', header: { zh: '单位', en: 'Organ' }, type: 'text', width: 30 },
    { key: 'buildingCode', header: { zh: '建筑编码', en: 'Building code' }, type: 'text' },
    { key: 'roomNumber', header: { zh: '房间号', en: 'Room no.' }, type: 'text' },
    { key: 'recorded', header: { zh: '总账(管理局台账)', en: 'Master ledger' }, type: 'text', width: 30 },
    { key: 'surveyed', header: { zh: '比对方(清查/权证/单位台账)', en: 'Other side (survey / certificate / organ ledger)' }, type: 'text', width: 30 },
  ],
});
