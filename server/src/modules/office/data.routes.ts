import type { FastifyInstance } from 'fastify';

export async function dataRoutes(_app: FastifyInstance): Promise<void> {}
