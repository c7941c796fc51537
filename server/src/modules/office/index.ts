import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { GuanjiaModule } from '../../modules';
import './office.permissions';
import './workflows';
import './compliance.service';
import './jobs';
import { registryRoutes } from './registry.routes';
import { standardsRoutes } from './standards.routes';
import { casesRoutes } from './cases.routes';
import { caseObjectRoutes } from './case-objects.routes';
import { dataRoutes } from './data.routes';
import { followUpRoutes } from './followup.routes';
import { listExportRoutes } from './lists.export';
import { dashboardExportRoutes } from './dashboard.export';
import { seedOfficeDemo } from './seed';

/** 办公用房: registry, entitlement engine, rectification, requests, ledgers and reports. */
export const officeModule: GuanjiaModule = {
  name: 'office',
  migrations: path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'drizzle'),
  async routes(app: FastifyInstance) {
    await registryRoutes(app);
    await standardsRoutes(app);
    await casesRoutes(app);
    await caseObjectRoutes(app);
    await dataRoutes(app);
    await followUpRoutes(app);
    await listExportRoutes(app);
    await dashboardExportRoutes(app);
  },
  seedDemo: seedOfficeDemo,
};

/** For the benchmark (bench/office.ts): the generator and the engine's entry points. */
export { generateOffices } from './seed';
export { complianceSummary } from './compliance.service';
export { listRooms } from './registry.service';
export { importSurvey } from './data.import';
export { reconciliation } from './data.routes';
