import { once } from 'node:events';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from '@patientinsight/nest-kit';
import {
  type AdminPasswordReset,
  adminPasswordResetSchema,
  type CreateUserRequest,
  createUserRequestSchema,
  type DeleteAccountRequest,
  deleteAccountRequestSchema,
  patientExportSchema,
  type UpdateUserRequest,
  updateUserRequestSchema,
  type User,
  type UserList,
  type UserListQuery,
  userListQuerySchema,
  userListSchema,
  userSchema,
} from '@patientinsight/shared';
import { type AuthUser, CurrentUser, Roles } from '../common/auth.decorators.js';
import type { Response } from 'express';
import { ApiErrors, ApiZodBody, ApiZodQuery, ApiZodResponse } from '../common/openapi.js';
import { RateLimited } from '../limits/rate-limit.guard.js';
import { AccountService } from './account.service.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiErrors({ 409: 'EMAIL_TAKEN: an account with this email already exists' })
  @ApiZodBody(createUserRequestSchema)
  @ApiZodResponse(201, userSchema, 'Created; the person must change the initial password at first login')
  create(@CurrentUser() admin: AuthUser, @Body(new ZodValidationPipe(createUserRequestSchema)) body: CreateUserRequest): Promise<User> {
    return this.users.create(admin, body);
  }

  @Get()
  @ApiZodQuery(userListQuerySchema)
  @ApiZodResponse(200, userListSchema)
  list(@CurrentUser() admin: AuthUser, @Query(new ZodValidationPipe(userListQuerySchema)) query: UserListQuery): Promise<UserList> {
    return this.users.list(admin, query);
  }

  @Get(':id')
  @ApiErrors({ 404: 'USER_NOT_FOUND: no account with this id' })
  @ApiZodResponse(200, userSchema)
  get(@CurrentUser() admin: AuthUser, @Param('id') id: string): Promise<User> {
    return this.users.get(admin, id);
  }

  @Patch(':id')
  @ApiErrors({
    404: 'USER_NOT_FOUND: no account with this id',
    409: 'OWN_ACCESS_CHANGE: an admin cannot disable or demote their own account; LAST_ADMIN: the last active admin cannot be disabled or demoted',
  })
  @ApiZodBody(updateUserRequestSchema)
  @ApiZodResponse(200, userSchema)
  update(
    @CurrentUser() admin: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(updateUserRequestSchema)) body: UpdateUserRequest,
  ): Promise<User> {
    return this.users.update(admin, id, body);
  }

  @Post(':id/password')
  @HttpCode(200)
  @ApiErrors({ 404: 'USER_NOT_FOUND: no account with this id', 409: 'OWN_PASSWORD_RESET: change your own password with change-password' })
  @ApiZodBody(adminPasswordResetSchema)
  @ApiZodResponse(
    200,
    userSchema,
    'Temporary password set: every session of the account ended, and it must choose its own password at next sign-in',
  )
  resetPassword(
    @CurrentUser() admin: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(adminPasswordResetSchema)) body: AdminPasswordReset,
  ): Promise<User> {
    return this.users.resetPassword(admin, id, body);
  }
}

/** The patient's own account data. */
@ApiTags('account')
@ApiBearerAuth()
@Roles('patient')
@Controller('v1/me')
export class AccountController {
  constructor(private readonly account: AccountService) {}

  @Get('export')
  @ApiZodResponse(200, patientExportSchema, 'Everything the backend holds about you')
  async export(@CurrentUser() user: AuthUser, @Res() res: Response): Promise<void> {
    const pieces = this.account.exportJson(user);
    // The first piece is read before the status line, so a failure up to there is a normal error body.
    const first = await pieces.next();
    res.status(200).type('application/json');
    // Made before the first write, so a close that comes early is not missed.
    let gone = false;
    const closed = once(res, 'close').then(() => {
      gone = true;
    });
    try {
      for (let piece = first; !piece.done; piece = await pieces.next()) {
        if (!res.write(piece.value) && !gone) await drainedOrClosed(res, closed);
        // The client went away: stop reading pages for nobody.
        if (gone) {
          await pieces.return(undefined);
          return;
        }
      }
      res.end();
    } catch (error) {
      // Half a document must not look complete: cut the connection instead of ending the body.
      res.destroy(error as Error);
      await pieces.return(undefined);
      throw error;
    }
  }

  @Post('delete')
  @ApiErrors({
    401: 'UNAUTHENTICATED: no bearer token, or it is expired, or its session has ended; INVALID_CREDENTIALS: the password is wrong',
  })
  @RateLimited('credentials')
  @HttpCode(204)
  @ApiResponse({
    status: 204,
    description: 'Deleted: profile, encounters and sessions gone, the account row anonymised (the audit trail stays)',
  })
  @ApiZodBody(deleteAccountRequestSchema)
  async delete(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(deleteAccountRequestSchema)) body: DeleteAccountRequest,
  ): Promise<void> {
    await this.account.delete(user, body.password);
  }
}

/** Waits until the response can take more, or is closed (a client that disconnects never drains). */
async function drainedOrClosed(res: Response, closed: Promise<void>): Promise<void> {
  const stop = new AbortController();
  try {
    await Promise.race([once(res, 'drain', { signal: stop.signal }), closed]);
  } finally {
    stop.abort();
  }
}
