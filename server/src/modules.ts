import type { FastifyPluginAsync } from 'fastify';
import type { Tx } from './db/client';
import { officeModule } from './modules/office';
import { energyModule } from './modules/energy';
import { canteenModule } from './modules/canteen';
import { plansModule } from './modules/plans';

/**
 * The one list of domain modules. A module is a folder under modules/ whose index.ts exports a
 * GuanjiaModule; adding one is one line here (and one in the web's route table). The order
 * matters once: a module's migrations run after those of the modules listed before it.
 */
export interface GuanjiaModule {
  name: string;
  /** Registers the module's routes (each with a declared permission). */
  routes: FastifyPluginAsync;
  /**
   * Absolute path of the module's migration folder (`npm run db:generate -- <name>`), applied
   * after the kernel's. Law-given reference data (standards, coefficients) goes in a custom
   * migration there, so production installs get it too.
   */
  migrations?: string;
  /** Demo data, run inside the demo seed's transaction after the kernel's demo province and users. */
  seedDemo?: (tx: Tx) => Promise<void>;
  /** Lines for the start banner naming the demo accounts `seedDemo` adds (password as the kernel's). */
  demoAccounts?: string[];
}

export const modules: GuanjiaModule[] = [officeModule, energyModule, canteenModule, plansModule];
