import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { submitApproval } from '../src/kernel/approvals/approvals.service';
import { registerWorkflow } from '../src/kernel/approvals/workflows';
import { multipart, testApp, type TestApp } from './helpers';

registerWorkflow({ type: 'test.files', nameZh: '附件测试', nameEn: 'Files test', objectType: 'test_files', steps: [{ nameZh: '审核', nameEn: 'Review', role: 'bureau_staff', target: 'applicant_region' }] });

let t: TestApp;
let requestId: number;
beforeAll(async () => {
  t = await testApp();
  const r = await t.database.db.execute(sql`select id, org_unit_id from users where username = 'hrb.organ'`);
  const u = r.rows[0] as { id: number; org_unit_id: number };
  requestId = await t.database.db.transaction((tx) => submitApproval(tx, { userId: u.id, orgUnitId: u.org_unit_id, username: 'hrb.organ', ip: '127.0.0.1' }, { workflow: 'test.files', objectId: 'x', title: '附件' }));
});
afterAll(() => t.close());

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('attachments', () => {
  it('are checked by content, not by name, and readable only by those who may read the object', async () => {
    const owner = await t.login('hrb.organ');
    const up = (name: string, data: Buffer) => owner.request({ method: 'POST', url: '/api/files', ...multipart({ name, data }, { objectType: 'approval', objectId: String(requestId) }) });
    const fake = await up('evidence.pdf', Buffer.from('MZ this is an executable'));
    expect(fake.json().error.code).toBe('file_type');
    const ok = await up('整改证明.pdf', pdf);
    expect(ok.json()).toMatchObject({ name: '整改证明.pdf', mime: 'application/pdf', size: pdf.length });

    const approver = await t.login('hrb.staff');
    const list = (await approver.get(`/api/files?objectType=approval&objectId=${requestId}`)).json();
    expect(list.map((f: { name: string }) => f.name)).toEqual(['整改证明.pdf']);
    const download = await approver.get(`/api/files/${ok.json().id}`);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''%E6%95%B4");

    const outsider = await t.login('qqhr.staff');
    expect((await outsider.get(`/api/files/${ok.json().id}`)).statusCode).toBe(404);
    expect((await outsider.request({ method: 'POST', url: '/api/files', ...multipart({ name: 'x.pdf', data: pdf }, { objectType: 'approval', objectId: String(requestId) }) })).statusCode).toBe(404);
  });
});
