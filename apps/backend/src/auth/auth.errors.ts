import { AppError } from '@patientinsight/nest-kit';

/** One answer for an unknown email, a wrong password and a disabled account alike. */
export class InvalidCredentialsError extends AppError {
  constructor() {
    super('INVALID_CREDENTIALS', 'The email or password is incorrect', 401);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign in to use this endpoint') {
    super('UNAUTHENTICATED', message, 401);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Your role may not use this endpoint') {
    super('FORBIDDEN', message, 403);
  }
}

export class PasswordChangeRequiredError extends AppError {
  constructor() {
    super('PASSWORD_CHANGE_REQUIRED', 'Change your initial password first (POST /v1/auth/change-password)', 403);
  }
}
