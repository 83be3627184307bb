import type { Migration } from 'kysely/migration';
import * as init from './0001-init.js';
import * as accounts from './0002-accounts.js';
import * as profiles from './0003-profiles.js';
import * as encounters from './0004-encounters.js';
import * as audit from './0005-audit.js';
import * as feedback from './0006-feedback.js';
import * as refreshReuse from './0007-refresh-reuse.js';
import * as redFlagAlerts from './0008-red-flag-alerts.js';
import * as sessionFamilies from './0009-session-families.js';
import * as auditKeyId from './0010-audit-key-id.js';
import * as patientView from './0011-patient-view.js';
import * as passwordReset from './0012-password-reset.js';

/** The backend's migrations, in order. Add new files here; never edit one that has shipped. */
export const backendMigrations: Record<string, Migration> = {
  '0001-init': init,
  '0002-accounts': accounts,
  '0003-profiles': profiles,
  '0004-encounters': encounters,
  '0005-audit': audit,
  '0006-feedback': feedback,
  '0007-refresh-reuse': refreshReuse,
  '0008-red-flag-alerts': redFlagAlerts,
  '0009-session-families': sessionFamilies,
  '0010-audit-key-id': auditKeyId,
  '0011-patient-view': patientView,
  '0012-password-reset': passwordReset,
};
