import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { GuanjiaModule } from '../../modules';
import './plans.permissions';
import './metrics';
import { planRoutes } from './plans.routes';
import { evaluationRoutes } from './evaluation.routes';
import { suggestionRoutes } from './suggestions.routes';
import { cockpitRoutes } from './cockpit.routes';
import { publicPageRoutes } from './public-page';
import { seedPlansDemo } from './seed';

/** Plans, evaluation and the leaders' cockpit (规划). Reads other modules only through the metrics registry. */
export const plansModule: GuanjiaModule = {
  name: 'plans',
  async routes(app: FastifyInstance) {
    await planRoutes(app);
    await evaluationRoutes(app);
    await suggestionRoutes(app);
    await cockpitRoutes(app);
    await publicPageRoutes(app);
  },
  migrations: path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'drizzle'),
  seedDemo: seedPlansDemo,
};

export { sendReminders } from './progress.service';
