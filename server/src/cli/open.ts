import { loadEnv } from '../config/env';
import { openDatabase, type Database } from '../db/client';

/** The database `npm start` would use: DATABASE_URL, else the PGlite folder in DATA_DIR. */
export async function openConfigured(): Promise<Database> {
  const env = loadEnv();
  return openDatabase(env);
}
