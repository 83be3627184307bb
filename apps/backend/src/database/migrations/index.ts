import type { Migration } from 'kysely/migration';
import * as init from './0001-init.js';

/** The backend's migrations, in order. Add new files here; never edit one that has shipped. */
export const backendMigrations: Record<string, Migration> = {
  '0001-init': init,
};
