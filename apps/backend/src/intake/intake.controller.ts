import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from '@patientinsight/nest-kit';
import { type IntakeMessageRequest, type IntakeState, intakeMessageRequestSchema, intakeStateSchema } from '@patientinsight/shared';
import { type AuthUser, CurrentUser, Roles } from '../common/auth.decorators.js';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '../common/openapi.js';
import { RateLimited } from '../limits/rate-limit.guard.js';
import { IntakeService } from './intake.service.js';

/** The intake conversation of an encounter (routes documented in packages/shared/src/contracts/intake.ts). */
@ApiTags('intake')
@ApiBearerAuth()
@Controller('v1/encounters')
export class IntakeController {
  constructor(private readonly intake: IntakeService) {}

  @Get(':id/intake')
  @ApiZodResponse(200, intakeStateSchema, 'The conversation so far, the next question and the triage state')
  @ApiErrors({ 404: 'ENCOUNTER_NOT_FOUND: no such encounter, or not one the caller may see (the same answer either way)' })
  @Roles('patient', 'doctor')
  state(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<IntakeState> {
    return this.intake.state(user, id);
  }

  @Post(':id/messages')
  @ApiZodBody(intakeMessageRequestSchema)
  @ApiZodResponse(200, intakeStateSchema, 'The state after this answer: the next question, or the red-flag guidance')
  @ApiErrors({
    404: 'ENCOUNTER_NOT_FOUND: no such encounter, or not one the caller may see (the same answer either way)',
    409: 'INVALID_TRANSITION: the encounter is not in a state that allows this (details.status); INTAKE_COMPLETE: the intake is complete, submit it or start a new encounter',
  })
  @HttpCode(200)
  @Roles('patient')
  @RateLimited('intake')
  message(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(intakeMessageRequestSchema)) body: IntakeMessageRequest,
  ): Promise<IntakeState> {
    return this.intake.message(user, id, body);
  }
}
