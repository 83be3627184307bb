import { Global, Module } from '@nestjs/common';
import { configSlice } from '../common/config-slice.js';
import { AuditKeyring } from './audit-chain.js';
import { createCheckpointStore } from './audit-checkpoints.js';
import { type AuditConfig, auditConfigKeys } from './audit.config.js';
import { AuditController } from './audit.controller.js';
import { AUDIT_CHECKPOINTS, AUDIT_CONFIG, AuditIntegrity } from './audit-integrity.js';
import { AUDIT_KEYRING, AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';

/** Global: every feature records to the same trail through AuditService. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [
    configSlice<AuditConfig>(AUDIT_CONFIG, auditConfigKeys),
    {
      provide: AUDIT_KEYRING,
      useFactory: (config: AuditConfig) => AuditKeyring.fromSecrets(config.AUDIT_HMAC_KEY, config.AUDIT_HMAC_KEYS_PREVIOUS),
      inject: [AUDIT_CONFIG],
    },
    { provide: AUDIT_CHECKPOINTS, useFactory: (config: AuditConfig) => createCheckpointStore(config), inject: [AUDIT_CONFIG] },
    AuditRepository,
    AuditService,
    AuditIntegrity,
  ],
  exports: [AuditService],
})
export class AuditModule {}
