import {
  type AuthResponse,
  authResponseSchema,
  type ChangePasswordRequest,
  type DeleteAccountRequest,
  type LoginRequest,
  type PasswordResetConfirm,
  passwordResetAcceptedSchema,
  type PasswordResetRequest,
  patientExportSchema,
  type RegisterRequest,
  userSchema,
} from '@patientinsight/shared';
import { api, tokenStore } from '../../../lib/api-client';

export const login = (body: LoginRequest) => api('/v1/auth/login', { method: 'POST', body, schema: authResponseSchema, noRefresh: true });
export const register = (body: RegisterRequest) =>
  api('/v1/auth/register', { method: 'POST', body, schema: authResponseSchema, noRefresh: true });
/** Trades the httpOnly refresh cookie for a new access token (and a rotated cookie). */
export const refresh = () => api('/v1/auth/refresh', { method: 'POST', schema: authResponseSchema, noRefresh: true });
export const logout = () => api('/v1/auth/logout', { method: 'POST', noRefresh: true });
export const getMe = () => api('/v1/me', { schema: userSchema });
export const changePassword = (body: ChangePasswordRequest) => api('/v1/auth/change-password', { method: 'POST', body });
/** Asks for a reset link by e-mail; the same answer whether or not the address has an account. */
export const requestPasswordReset = (body: PasswordResetRequest) =>
  api('/v1/auth/password-reset', { method: 'POST', body, schema: passwordResetAcceptedSchema, noRefresh: true });
export const confirmPasswordReset = (body: PasswordResetConfirm) =>
  api('/v1/auth/password-reset/confirm', { method: 'POST', body, noRefresh: true });
export const exportMyData = () => api('/v1/me/export', { schema: patientExportSchema });
export const deleteMyAccount = (body: DeleteAccountRequest) => api('/v1/me/delete', { method: 'POST', body });

export function storeSession(auth: AuthResponse) {
  tokenStore.set(auth.accessToken);
  return auth.user;
}
