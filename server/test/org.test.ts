import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidUscc, withUsccCheck } from '../src/kernel/org/uscc';
import { testApp, unitId, type Client, type TestApp } from './helpers';

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts codes whose check character matches and rejects the rest', () => {
    // Published example codes with their check characters.
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('91110000600037341L')).toBe(true);
    expect(isValidUscc('91110000600037341M')).toBe(false);
    expect(isValidUscc('9111000060003734IL')).toBe(false); // I is not in the alphabet
    expect(isValidUscc('1123010')).toBe(false);
    const made = withUsccCheck('11230100MB0000001');
    expect(isValidUscc(made)).toBe(true);
    expect(made.slice(0, 17)).toBe('11230100MB0000001');
  });
});

let t: TestApp;
let sys: Client;
beforeAll(async () => {
  t = await testApp();
  sys = await t.login('sysadmin');
});
afterAll(() => t.close());

describe('org hierarchy', () => {
  it('creates an organ with a valid code and departments inside it; refuses bad input and saves nothing', async () => {
    const harbin = await unitId(t.database, '230100');
    const organ = await sys.post('/api/org/units', { kind: 'organ', parentId: harbin, name: '哈尔滨市住房保障局', organLevel: 'prefectural', uscc: withUsccCheck('11230100MB9000001') });
    expect(organ.statusCode).toBe(200);
    const dept = await sys.post('/api/org/units', { kind: 'department', parentId: organ.json().id, name: '综合科' });
    expect(dept.json()).toMatchObject({ kind: 'department', parentId: organ.json().id });

    const bad = [
      [{ kind: 'organ', parentId: harbin, name: '缺级别' }, 'org_kind_fields'],
      [{ kind: 'organ', parentId: harbin, name: '坏代码', organLevel: 'county', uscc: '11230100MB90000010' }, 'uscc_invalid'],
      [{ kind: 'organ', parentId: harbin, name: '重复代码', organLevel: 'county', uscc: withUsccCheck('11230100MB9000001') }, 'uscc_taken'],
      [{ kind: 'region', parentId: organ.json().id, name: '单位下的区划', regionCode: '230199', regionLevel: 'county' }, 'org_parent_kind'],
      [{ kind: 'region', parentId: harbin, name: '重复区划', regionCode: '230102', regionLevel: 'county' }, 'region_code_taken'],
      [{ kind: 'organ', parentId: harbin, name: '' , organLevel: 'county' }, 'validation'],
    ] as const;
    const before = (await sys.get(`/api/org/units?parentId=${harbin}`)).json().length;
    for (const [body, code] of bad) expect([code, (await sys.post('/api/org/units', body)).json().error.code]).toEqual([code, code]);
    expect((await sys.get(`/api/org/units?parentId=${harbin}`)).json().length).toBe(before);
  });

  it('renames and moves keep history, and moving under its own subtree is refused', async () => {
    const bx = await unitId(t.database, '230125');
    const bureau = (await sys.get(`/api/org/units?parentId=${bx}`)).json().find((u: { kind: string }) => u.kind === 'organ');
    await sys.patch(`/api/org/units/${bureau.id}`, { name: '宾县机关事务管理局' });
    const qqhr = await unitId(t.database, '230200');
    const moved = await sys.post(`/api/org/units/${bureau.id}/move`, { parentId: qqhr });
    expect(moved.json().parentId).toBe(qqhr);
    const history = (await sys.get(`/api/org/units/${bureau.id}/history`)).json();
    expect(history.map((h: { name: string; parentName: string }) => [h.name, h.parentName])).toEqual([
      ['宾县机关事务管理局', '齐齐哈尔市'],
      ['宾县机关事务管理局', '宾县'],
      ['宾县机关事务服务中心', '宾县'],
    ]);
    expect(history[1].validTo).toBe(history[0].validFrom);
    // Its departments moved with it: a Qiqihar user now sees them.
    const q = await t.login('qqhr.staff');
    expect((await q.get(`/api/org/units?parentId=${bureau.id}`)).json().length).toBe(2);
    const harbin = await unitId(t.database, '230100');
    expect((await sys.post(`/api/org/units/${harbin}/move`, { parentId: bx })).json().error.code).toBe('org_move_cycle');
  });

  it('exports the tree as a workbook', async () => {
    const res = await sys.get(`/api/org/units/export?rootId=${await unitId(t.database, '230100')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
