import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from '@patientinsight/nest-kit';
import {
  type Feedback,
  type FeedbackList,
  feedbackListSchema,
  type FeedbackQuery,
  feedbackQuerySchema,
  type FeedbackRequest,
  feedbackRequestSchema,
  feedbackSchema,
} from '@patientinsight/shared';
import { type AuthUser, CurrentUser, Roles } from '../common/auth.decorators.js';
import { ApiErrors, ApiZodBody, ApiZodQuery, ApiZodResponse } from '../common/openapi.js';
import { FeedbackService } from './feedback.service.js';

@ApiTags('feedback')
@ApiBearerAuth()
@Controller('v1')
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Put('encounters/:id/feedback')
  @ApiErrors({
    400: 'CASE_NOT_IN_REPORT: caseId is not among the report cases (details names the field)',
    404: 'ENCOUNTER_NOT_FOUND: no such encounter, or not one the caller may see (the same answer either way)',
    409: 'REPORT_MISSING: the encounter has no report yet',
  })
  @Roles('doctor')
  @ApiZodBody(feedbackRequestSchema)
  @ApiZodResponse(200, feedbackSchema)
  save(
    @CurrentUser() doctor: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(feedbackRequestSchema)) body: FeedbackRequest,
  ): Promise<Feedback> {
    return this.feedback.save(doctor, id, body);
  }

  @Get('encounters/:id/feedback')
  @ApiErrors({ 404: 'ENCOUNTER_NOT_FOUND: no such encounter, or not one the caller may see (the same answer either way)' })
  @Roles('doctor')
  @ApiZodResponse(200, feedbackListSchema)
  forEncounter(@CurrentUser() doctor: AuthUser, @Param('id') id: string): Promise<FeedbackList> {
    return this.feedback.forEncounter(doctor, id);
  }

  @Get('feedback')
  @Roles('admin')
  @ApiZodQuery(feedbackQuerySchema)
  @ApiZodResponse(200, feedbackListSchema)
  list(@CurrentUser() admin: AuthUser, @Query(new ZodValidationPipe(feedbackQuerySchema)) query: FeedbackQuery): Promise<FeedbackList> {
    return this.feedback.list(admin, query);
  }
}
