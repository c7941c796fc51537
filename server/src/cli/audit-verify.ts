// npm run audit:verify — walks the audit hash chain and names the first broken record.
import { verifyAuditChain } from '../kernel/audit/audit.service';
import { openConfigured } from './open';

const database = await openConfigured();
const r = await verifyAuditChain(database.db);
await database.close();
if (r.ok) {
  console.log(`Audit chain intact: ${r.checked} records verified.`);
} else {
  console.error(`Audit chain BROKEN at record #${r.firstBrokenId} (${r.reason === 'link' ? 'link to the previous record does not match' : 'record content was altered'}); ${r.checked} records before it are intact.`);
  process.exit(2);
}
