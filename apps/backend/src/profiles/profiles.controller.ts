import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from '@patientinsight/nest-kit';
import {
  type PatientProfile,
  patientProfileSchema,
  type ProfileHistory,
  profileHistorySchema,
  type ProfileResponse,
  profileResponseSchema,
} from '@patientinsight/shared';
import { type AuthUser, CurrentUser, Roles } from '../common/auth.decorators.js';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '../common/openapi.js';
import { ProfilesService } from './profiles.service.js';

@ApiTags('profile')
@ApiBearerAuth()
@Roles('patient')
@Controller('v1/profile')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Get()
  @ApiErrors({ 404: 'PROFILE_NOT_FOUND: no profile has been saved yet' })
  @ApiZodResponse(200, profileResponseSchema)
  get(@CurrentUser() user: AuthUser): Promise<ProfileResponse> {
    return this.profiles.get(user);
  }

  @Put()
  @ApiZodBody(patientProfileSchema)
  @ApiZodResponse(200, profileResponseSchema, 'Saved as a new version')
  save(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(patientProfileSchema)) body: PatientProfile): Promise<ProfileResponse> {
    return this.profiles.save(user, body);
  }

  @Get('versions')
  @ApiZodResponse(200, profileHistorySchema)
  history(@CurrentUser() user: AuthUser): Promise<ProfileHistory> {
    return this.profiles.history(user);
  }
}
