import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from '@patientinsight/nest-kit';
import {
  type AuditActions,
  auditActionsSchema,
  type AuditPage,
  auditPageSchema,
  type AuditQuery,
  auditQuerySchema,
  type AuditVerification,
  auditVerificationSchema,
} from '@patientinsight/shared';
import { type AuthUser, CurrentUser, Roles } from '../common/auth.decorators.js';
import { ApiZodQuery, ApiZodResponse } from '../common/openapi.js';
import { AuditIntegrity } from './audit-integrity.js';
import { AuditService } from './audit.service.js';

/** Read-only access to the audit trail for admins. There is deliberately no write route. */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly integrity: AuditIntegrity,
  ) {}

  @Get()
  @ApiZodQuery(auditQuerySchema)
  @ApiZodResponse(200, auditPageSchema)
  async query(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(auditQuerySchema)) query: AuditQuery): Promise<AuditPage> {
    const rows = await this.audit.find({
      actorId: query.userId,
      patientId: query.patientId,
      actorEmail: query.actorEmail,
      patientEmail: query.patientEmail,
      action: query.action,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      beforeSeq: query.beforeSeq,
      limit: query.limit,
    });
    // Reading the trail is itself recorded: who looked at whose history.
    const people = await this.audit.people(rows.flatMap((r) => [r.actorId, r.patientId].filter((id): id is string => id !== null)));
    await this.audit.record({
      actor: user,
      action: 'audit.query',
      resourceType: 'audit_log',
      patientId: query.patientId ?? null,
      outcome: 'success',
      details: { filters: Object.keys(query).filter((k) => k !== 'limit'), rows: rows.length },
    });
    return {
      entries: rows.map((r) => ({
        seq: r.seq,
        occurredAt: r.occurredAt.toISOString(),
        actorId: r.actorId,
        actorRole: r.actorRole,
        action: r.action,
        resourceType: r.resourceType,
        resourceId: r.resourceId,
        patientId: r.patientId,
        outcome: r.outcome as AuditPage['entries'][number]['outcome'],
        ip: r.ip,
        userAgent: r.userAgent,
        requestId: r.requestId,
        details: r.details,
        hash: r.hash,
      })),
      nextBeforeSeq: rows.length === query.limit ? (rows.at(-1)?.seq ?? null) : null,
      people: Object.fromEntries(people),
    };
  }

  @Get('actions')
  @ApiZodResponse(200, auditActionsSchema)
  async actions(): Promise<AuditActions> {
    return { actions: await this.audit.actions() };
  }

  @Get('verify')
  @ApiZodResponse(200, auditVerificationSchema)
  async verify(@CurrentUser() user: AuthUser): Promise<AuditVerification> {
    const report = await this.integrity.verify();
    const first = report.findings[0];
    const result: AuditVerification = {
      ok: report.ok,
      checked: report.checked,
      firstBadSeq: first?.seq ?? null,
      reason: first ? `${first.code}: ${first.reason}` : null,
    };
    await this.audit.record({
      actor: user,
      action: 'audit.verify',
      resourceType: 'audit_log',
      outcome: result.ok ? 'success' : 'failure',
      details: { checked: result.checked, firstBadSeq: result.firstBadSeq, findings: report.findingsTotal },
    });
    return result;
  }
}
