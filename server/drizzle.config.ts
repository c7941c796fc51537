import { defineConfig } from 'drizzle-kit';

/**
 * The kernel's migrations live in server/drizzle; each module owns its own in
 * server/src/modules/<name>/drizzle, so modules never renumber each other's files.
 * `npm run db:generate -- <module>` sets GJ_MODULE (see scripts/db-generate.mjs).
 */
const mod = process.env.GJ_MODULE;
if (mod !== undefined && !/^[a-z][a-z0-9-]*$/.test(mod)) throw new Error(`bad module name: ${mod}`);

export default defineConfig({
  dialect: 'postgresql',
  schema: mod ? `./server/src/modules/${mod}/**/*.schema.ts` : './server/src/kernel/**/*.schema.ts',
  out: mod ? `./server/src/modules/${mod}/drizzle` : './server/drizzle',
});
