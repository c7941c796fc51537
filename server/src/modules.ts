import type { FastifyPluginAsync } from 'fastify';

/**
 * The one list of domain modules. A module is a folder under modules/ whose index.ts exports a
 * GuanjiaModule; adding one is one line here (and one in the web's module list).
 */
export interface GuanjiaModule {
  name: string;
  /** Registers the module's routes (each with a declared permission). */
  routes: FastifyPluginAsync;
}

export const modules: GuanjiaModule[] = [];
