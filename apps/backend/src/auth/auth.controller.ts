import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from '@patientinsight/nest-kit';
import {
  type AuthResponse,
  authResponseSchema,
  type ChangePasswordRequest,
  changePasswordRequestSchema,
  type LoginRequest,
  loginRequestSchema,
  type PasswordResetAccepted,
  passwordResetAcceptedSchema,
  type PasswordResetConfirm,
  passwordResetConfirmSchema,
  type PasswordResetRequest,
  passwordResetRequestSchema,
  REFRESH_COOKIE_NAME,
  type RegisterRequest,
  registerRequestSchema,
  type User,
  userSchema,
} from '@patientinsight/shared';
import { parseCookie } from 'cookie';
import type { Request, Response } from 'express';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '../common/openapi.js';
import { AUTH_CONFIG, type AuthConfig } from './auth.config.js';
import { LoginBackoff } from '../limits/login-backoff.js';
import { RateLimited } from '../limits/rate-limit.guard.js';
import { toUser, USER_ACCOUNTS, type UserAccounts } from '../users/user-accounts.port.js';
import { AllowPendingPasswordChange, type AuthUser, CurrentUser, Public, Roles } from '../common/auth.decorators.js';
import { InvalidCredentialsError, UnauthenticatedError } from './auth.errors.js';
import { AuthService, type IssuedSession } from './auth.service.js';
import { PasswordResetService, RESET_ACCEPTED_MESSAGE } from './password-reset.service.js';

/** The refresh cookie is sent only to the auth routes, never readable by scripts. */
const COOKIE_PATH = '/v1/auth';

@ApiTags('auth')
@Controller('v1')
export class AuthController {
  private readonly secureCookie: boolean;

  constructor(
    private readonly auth: AuthService,
    @Inject(USER_ACCOUNTS) private readonly users: UserAccounts,
    private readonly backoff: LoginBackoff,
    private readonly passwordReset: PasswordResetService,
    @Inject(AUTH_CONFIG) config: AuthConfig,
  ) {
    this.secureCookie = config.COOKIE_SECURE;
  }

  @Post('auth/register')
  @ApiErrors({ 409: 'EMAIL_TAKEN: an account with this email already exists' })
  @Public()
  @RateLimited('credentials')
  @ApiZodBody(registerRequestSchema)
  @ApiZodResponse(201, authResponseSchema, 'Patient account created and signed in')
  async register(
    @Body(new ZodValidationPipe(registerRequestSchema)) body: RegisterRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse> {
    return this.issue(res, await this.auth.register(body));
  }

  @Post('auth/login')
  @ApiErrors({ 401: 'INVALID_CREDENTIALS: unknown email, wrong password or disabled account (one answer for all three)' })
  @Public()
  @HttpCode(200)
  @RateLimited('login')
  @ApiZodBody(loginRequestSchema)
  @ApiZodResponse(200, authResponseSchema)
  async login(
    @Body(new ZodValidationPipe(loginRequestSchema)) body: LoginRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse> {
    // Per account, a client that keeps failing waits longer each time (LoginBackoff), not the account's owner.
    const session = await this.backoff.attempt(
      req,
      res,
      body.email,
      () => this.auth.login(body),
      (error) => error instanceof InvalidCredentialsError,
    );
    return this.issue(res, session);
  }

  @Post('auth/refresh')
  @ApiErrors({
    401: 'UNAUTHENTICATED: no refresh cookie, or it is expired, rotated away from (the session then ends) or its session has ended',
  })
  @Public()
  @RateLimited('refresh')
  @HttpCode(200)
  @ApiCookieAuth(REFRESH_COOKIE_NAME)
  @ApiZodResponse(200, authResponseSchema)
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<AuthResponse> {
    try {
      return this.issue(res, await this.auth.refresh(refreshCookie(req)));
    } catch (error) {
      if (error instanceof UnauthenticatedError) this.clearCookie(res);
      throw error;
    }
  }

  /** Public so an expired access token can still end the session named by the cookie; a valid bearer token's session ends too. */
  @Post('auth/logout')
  @Public()
  @HttpCode(204)
  @ApiResponse({ status: 204, description: 'The session named by the cookie or the bearer token has ended (also when there was none)' })
  @ApiCookieAuth(REFRESH_COOKIE_NAME)
  @ApiBearerAuth()
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const header = req.headers.authorization;
    await this.auth.logout(
      refreshCookie(req),
      typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined,
    );
    this.clearCookie(res);
  }

  @Post('auth/change-password')
  @ApiErrors({ 401: 'INVALID_CREDENTIALS: the current password is wrong' })
  @RateLimited('credentials')
  @Roles('patient', 'doctor', 'admin')
  @AllowPendingPasswordChange()
  @HttpCode(204)
  @ApiResponse({ status: 204, description: 'Changed; every other session of the account has ended' })
  @ApiBearerAuth()
  @ApiZodBody(changePasswordRequestSchema)
  async changePassword(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(changePasswordRequestSchema)) body: ChangePasswordRequest,
  ): Promise<void> {
    await this.auth.changePassword(user, body);
  }

  /** The same 202 and body for every address; the link goes out by e-mail after the answer. */
  @Post('auth/password-reset')
  @Public()
  @RateLimited('reset')
  @HttpCode(202)
  @ApiZodBody(passwordResetRequestSchema)
  @ApiZodResponse(202, passwordResetAcceptedSchema, 'Accepted, whether or not an account uses the address')
  requestPasswordReset(@Body(new ZodValidationPipe(passwordResetRequestSchema)) body: PasswordResetRequest): PasswordResetAccepted {
    this.passwordReset.requestReset(body.email);
    return { message: RESET_ACCEPTED_MESSAGE };
  }

  @Post('auth/password-reset/confirm')
  @ApiErrors({
    400: 'RESET_TOKEN_INVALID: the link expired, was used or replaced (one answer for all three); VALIDATION_FAILED: token or newPassword malformed',
  })
  @Public()
  @RateLimited('reset-confirm')
  @HttpCode(204)
  @ApiResponse({ status: 204, description: 'Password changed; every session of the account has ended' })
  @ApiZodBody(passwordResetConfirmSchema)
  async confirmPasswordReset(@Body(new ZodValidationPipe(passwordResetConfirmSchema)) body: PasswordResetConfirm): Promise<void> {
    await this.passwordReset.confirm(body);
  }

  @Get('me')
  @Roles('patient', 'doctor', 'admin')
  @AllowPendingPasswordChange()
  @ApiBearerAuth()
  @ApiZodResponse(200, userSchema)
  async me(@CurrentUser() user: AuthUser): Promise<User> {
    const row = await this.users.findById(user.id);
    if (!row) throw new UnauthenticatedError('The account no longer exists');
    return toUser(row);
  }

  private issue(res: Response, session: IssuedSession): AuthResponse {
    res.cookie(REFRESH_COOKIE_NAME, session.refreshToken, {
      httpOnly: true,
      secure: this.secureCookie,
      sameSite: 'strict',
      path: COOKIE_PATH,
      expires: session.refreshExpiresAt,
    });
    res.setHeader('Cache-Control', 'no-store');
    return session.body;
  }

  private clearCookie(res: Response): void {
    res.clearCookie(REFRESH_COOKIE_NAME, { httpOnly: true, secure: this.secureCookie, sameSite: 'strict', path: COOKIE_PATH });
  }
}

function refreshCookie(req: Request): string | undefined {
  const header = req.headers.cookie;
  return header ? parseCookie(header)[REFRESH_COOKIE_NAME] : undefined;
}
