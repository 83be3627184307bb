import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuditKeyring } from './audit-chain.js';
import { createCheckpointStore } from './audit-checkpoints.js';
import { type AuditConfig, pickAuditConfig } from './audit.config.js';
import { AuditController } from './audit.controller.js';
import { AUDIT_CHECKPOINTS, AUDIT_CONFIG, AuditIntegrity } from './audit-integrity.js';
import { AUDIT_KEYRING, AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';

/** Global: every feature records to the same trail through AuditService. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [
    {
      provide: AUDIT_CONFIG,
      useFactory: (config: ConfigService) => pickAuditConfig((key) => config.get(key)),
      inject: [ConfigService],
    },
    { provide: AUDIT_KEYRING, useFactory: (config: AuditConfig) => AuditKeyring.fromSecrets(config.AUDIT_HMAC_KEY, config.AUDIT_HMAC_KEYS_PREVIOUS), inject: [AUDIT_CONFIG] },
    { provide: AUDIT_CHECKPOINTS, useFactory: (config: AuditConfig) => createCheckpointStore(config), inject: [AUDIT_CONFIG] },
    AuditRepository,
    AuditService,
    AuditIntegrity,
  ],
  exports: [AuditService],
})
export class AuditModule {}
