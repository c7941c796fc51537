import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { multipart, testApp, unitId, type Client, type TestApp } from '../../../test/helpers';

let t: TestApp;
let staff: Client;
let province: number;
beforeAll(async () => {
  t = await testApp();
  staff = await t.login('hlj.staff');
  province = await unitId(t.database, '230000');
});
afterAll(() => t.close());

const HEAD = ['编号', '类型', '上级编号', '名称', '权重', '计量单位', '基期年份', '基期值', '目标年份', '目标值', '方向', '属性', '实时指标', '牵头单位', '配合单位', '完成时限', '节点'];
async function workbook(rows: (string | number | null)[][], head = HEAD): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('规划结构');
  ws.addRow(head);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
async function readBook(data: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((r) => out.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
}
const newPlan = async (name: string) => (await staff.post('/api/plans', { orgUnitId: province, name, level: 'provincial', kind: 'special', startYear: 2026, endYear: 2030 })).json().id as number;
const upload = (planId: number, data: Buffer) => staff.request({ method: 'POST', url: `/api/plans/${planId}/structure-import`, ...multipart({ name: 'plan.xlsx', data }) });
const tree = async (id: number) => (await staff.get(`/api/plans/${id}?year=2026`)).json().items as { code: string; kind: string; title: string; parentId: number | null; id: number; weight: number; targetValue: number | null; ownerName: string | null; coOwnerUnitIds: number[]; deadline: string | null }[];

const GOOD: (string | number | null)[][] = [
  ['1', '章', null, '第一章 夯实管理基础', 2, null, null, null, null, null, null, null, null, null, null, null, null],
  ['1.1', '节', '1', '第一节 推进节约型机关建设', null, null, null, null, null, null, null, null, null, null, null, null, null],
  ['E1', '指标', '1.1', '公共机构人均综合能耗', 3, 'kgce/人', 2025, 361, 2030, 340, '越低越好', '约束性', 'energy.per_capita', null, null, null, null],
  ['T1', '任务', '1.1', '建设省级公物仓', 1, null, null, null, null, null, null, null, null, '黑龙江省机关事务管理局/办公室', '财务处、黑龙江省机关事务管理局/房产管理处', '2027-12-31', '完成选址:2026-06-30;竣工验收:2027-10-31'],
  ['G1', '目标', null, '机关运行成本稳中有降', null, null, null, null, null, null, null, null, null, null, null, null, null],
];

describe('plan structure in Excel', () => {
  it('gives a template with the layout, imports a plan\'s structure and exports it in the same layout, which re-imports unchanged', async () => {
    const tpl = await staff.get('/api/plans/structure-template');
    expect(tpl.statusCode).toBe(200);
    expect((await readBook(tpl.rawPayload))[0]!.map((h) => h.replace(' *', ''))).toEqual(HEAD);
    const p = await newPlan('结构导入测试规划');
    const res = await upload(p, await workbook(GOOD));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 5 });
    const items = await tree(p);
    const byCode = (c: string) => items.find((i) => i.code === c)!;
    expect(items.map((i) => i.code)).toEqual(expect.arrayContaining(['1', '1.1', 'E1', 'T1', 'G1']));
    expect(byCode('E1').parentId).toBe(byCode('1.1').id);
    expect(byCode('1.1').parentId).toBe(byCode('1').id);
    expect([byCode('E1').targetValue, byCode('E1').weight, byCode('1').weight]).toEqual([340, 3, 2]);
    expect([byCode('T1').ownerName, byCode('T1').deadline, byCode('T1').coOwnerUnitIds.length]).toEqual(['办公室', '2027-12-31', 2]);
    const detail = (await staff.get(`/api/plans/items/${byCode('T1').id}/detail`)).json();
    expect(detail.milestones.map((m: { title: string; due: string }) => `${m.title}:${m.due}`)).toEqual(['完成选址:2026-06-30', '竣工验收:2027-10-31']);
    expect(detail.coOwners.map((u: { name: string }) => u.name)).toEqual(['财务处', '房产管理处']);

    const exp = await staff.get(`/api/plans/${p}/structure-export`);
    expect(exp.statusCode).toBe(200);
    const sheet = await readBook(exp.rawPayload);
    expect(sheet[0]!.map((h) => h.replace(' *', ''))).toEqual(HEAD);
    expect(sheet.slice(1).map((r) => r[0])).toEqual(['1', '1.1', 'E1', 'T1', 'G1']);
    // Names are written as short as they stay unique: 办公室 repeats in many organs, 财务处 and 房产管理处 do not.
    expect(sheet.find((r) => r[0] === 'T1')!.slice(13)).toEqual(['黑龙江省机关事务管理局/办公室', '财务处、房产管理处', '2027-12-31', '完成选址:2026-06-30;竣工验收:2027-10-31']);
    expect(sheet.find((r) => r[0] === 'E1')!.slice(1, 13)).toEqual(['指标', '1.1', '公共机构人均综合能耗', '3', 'kgce/人', '2025', '361', '2030', '340', '越低越好', '约束性', 'energy.per_capita']);
    // The export re-imports into an empty plan as the same structure.
    const copy = await newPlan('结构导入副本');
    expect((await upload(copy, exp.rawPayload)).json()).toEqual({ imported: 5 });
    const strip = (xs: Awaited<ReturnType<typeof tree>>) => xs.map((i) => [i.code, i.kind, i.title, i.weight, i.targetValue, i.ownerName, i.deadline, xs.find((x) => x.id === i.parentId)?.code ?? null]);
    expect(strip(await tree(copy))).toEqual(strip(items));
  });

  it('a bad file imports nothing and reports every bad row', async () => {
    const p = await newPlan('结构导入错误测试');
    await upload(p, await workbook([GOOD[0]!]));
    const bad = await workbook([
      ['1', '章', null, '编号重复(已在规划中)', null, null, null, null, null, null, null, null, null, null, null, null, null],
      ['2', '节', null, '无章之节', null, null, null, null, null, null, null, null, null, null, null, null, null],
      ['E9', '指标', '1', '缺目标值的指标', null, '%', null, null, 2030, null, '越高越好', '约束性', null, null, null, null, null],
      ['T8', '任务', '1', '牵头单位重名', null, null, null, null, null, null, null, null, null, '办公室', null, '2027-12-31', null],
      ['T9', '任务', '1', '牵头单位不存在', null, null, null, null, null, null, null, null, null, '不存在的处', null, '2027-12-31', '选址 2026-06-30'],
      ['X1', '节', 'ZZ', '上级不存在', null, null, null, null, null, null, null, null, null, null, null, null, null],
      ['OK1', '目标', null, '这一行本身没有错', null, null, null, null, null, null, null, null, null, null, null, null, null],
      ['E10', '指标', null, '方向写错', null, '%', null, null, 2030, 90, '越多越好', '约束性', null, null, null, null, null],
    ]);
    const res = await upload(p, bad);
    expect(res.statusCode).toBe(422);
    const body = res.json().error;
    expect(body.code).toBe('excel_invalid');
    const rows = (body.details as { row: number; column: string; message: string }[]);
    expect([...new Set(rows.map((e) => e.row))]).toEqual([2, 3, 4, 5, 6, 7, 9]);
    expect(rows.find((e) => e.row === 2)!.message).toContain('编号 1 在本规划中已存在');
    expect(rows.find((e) => e.row === 5 && e.column === '牵头单位')!.message).toContain('有重名');
    expect(rows.find((e) => e.row === 6 && e.column === '牵头单位')!.message).toContain('不存在的处');
    expect(rows.find((e) => e.row === 6 && e.column === '节点')!.message).toContain('名称:YYYY-MM-DD');
    expect(rows.find((e) => e.row === 7)!.message).toContain('ZZ');
    expect(rows.find((e) => e.row === 9)!.column).toBe('方向');
    // Nothing saved: the good row (OK1) neither.
    expect((await tree(p)).map((i) => i.code)).toEqual(['1']);
    // Not a workbook at all.
    const junk = await staff.request({ method: 'POST', url: `/api/plans/${p}/structure-import`, ...multipart({ name: 'x.xlsx', data: Buffer.from('not excel') }) });
    expect(junk.statusCode).toBe(400);
    // Another region cannot import into the province's plan.
    const qq = await t.login('qqhr.staff');
    expect((await qq.request({ method: 'POST', url: `/api/plans/${p}/structure-import`, ...multipart({ name: 'plan.xlsx', data: await workbook(GOOD) }) })).statusCode).toBe(404);
    expect((await tree(p)).map((i) => i.code)).toEqual(['1']);
  });
});
