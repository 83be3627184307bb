import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ZodValidationPipe } from '@patientinsight/nest-kit';
import { type IntakeMessageRequest, type IntakeState, intakeMessageRequestSchema } from '@patientinsight/shared';
import { type AuthUser, CurrentUser, Roles } from '../auth/auth.decorators.js';
import { RateLimited } from '../limits/rate-limit.guard.js';
import { IntakeService } from './intake.service.js';

/** The intake conversation of an encounter (routes documented in packages/shared/src/contracts/intake.ts). */
@Controller('v1/encounters')
export class IntakeController {
  constructor(private readonly intake: IntakeService) {}

  @Get(':id/intake')
  @Roles('patient', 'doctor')
  state(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<IntakeState> {
    return this.intake.state(user, id);
  }

  @Post(':id/messages')
  @HttpCode(200)
  @Roles('patient')
  @RateLimited('intake')
  message(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body(new ZodValidationPipe(intakeMessageRequestSchema)) body: IntakeMessageRequest): Promise<IntakeState> {
    return this.intake.message(user, id, body);
  }
}
