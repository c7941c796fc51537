import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { grantToBuiltinRole, registerPermissions } from '../../kernel/auth/permissions';
import { today } from '../../kernel/excel/reply';
import { registerJob, registerSchedule } from '../../kernel/jobs/jobs.service';
import type { GuanjiaModule } from '../../modules';
import './messages';
import { registerEnergyMetrics } from './metrics';
import { dataRoutes } from './data.routes';
import { analysisRoutes } from './analysis.routes';
import { chainRoutes } from './chain.routes';
import { importRoutes } from './import.routes';
import { sendReminders } from './reports.service';
import { sendTargetAlerts } from './alerts';
import { seedEnergyDemo } from './seed';

registerPermissions('energy', [
  { code: 'energy.read', nameZh: '查看能源资源数据与分析', nameEn: 'View energy data and analysis' },
  { code: 'energy.fill', nameZh: '填报能源资源数据', nameEn: 'Fill in energy data' },
  { code: 'energy.review', nameZh: '审核与汇总上报能源报表', nameEn: 'Review and roll up energy reports' },
  { code: 'energy.manage', nameZh: '管理公共机构名录与报告期', nameEn: 'Manage the institution register and periods' },
  { code: 'energy.factors', nameZh: '维护折标系数与排放因子', nameEn: 'Maintain coefficients and factors' },
  { code: 'energy.targets', nameZh: '设定与分解节能目标', nameEn: 'Set and cascade targets' },
]);
grantToBuiltinRole('bureau_staff', ['energy.read', 'energy.fill', 'energy.review', 'energy.manage', 'energy.factors', 'energy.targets']);
grantToBuiltinRole('organ_admin', ['energy.read', 'energy.fill']);
registerEnergyMetrics();

registerJob('energy.reminders', async ({ db }) => ({ reminded: await sendReminders(db, today()) }));
registerSchedule({ name: 'energy.reminders', every: 'day', at: '09:00' });
registerJob('energy.target_alerts', async ({ db, payload }) => ({ notified: await sendTargetAlerts(db, Number(payload.year ?? new Date().getFullYear() - 1)) }));
registerSchedule({ name: 'energy.target_alerts', every: 'day', at: '08:30' });

export const energyModule: GuanjiaModule = {
  name: 'energy',
  routes: async (app: FastifyInstance) => {
    await dataRoutes(app);
    await analysisRoutes(app);
    await chainRoutes(app);
    await importRoutes(app);
  },
  migrations: path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'drizzle'),
  seedDemo: seedEnergyDemo,
};
