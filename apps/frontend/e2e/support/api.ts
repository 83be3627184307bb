import { authResponseSchema, encounterDetailSchema, intakeStateSchema, userSchema } from '@patientinsight/shared';
import type { z } from 'zod';

/** Direct calls to the backend, for setting the scene a journey starts from (never for what it proves). */
export class BackendApi {
  constructor(private readonly baseUrl: string) {}

  async call<S extends z.ZodType>(method: string, path: string, token: string | null, body: unknown, schema: S): Promise<z.output<S>>;
  async call(method: string, path: string, token: string | null, body?: unknown): Promise<unknown>;
  async call(method: string, path: string, token: string | null, body?: unknown, schema?: z.ZodType): Promise<unknown> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    const json = text ? JSON.parse(text) : undefined;
    return schema ? schema.parse(json) : json;
  }

  login(email: string, password: string) {
    return this.call('POST', '/v1/auth/login', null, { email, password }, authResponseSchema);
  }

  register(email: string, password: string, displayName: string) {
    return this.call('POST', '/v1/auth/register', null, { email, password, displayName }, authResponseSchema);
  }

  createUser(adminToken: string, body: { email: string; role: 'doctor' | 'admin'; displayName: string; initialPassword: string }) {
    return this.call('POST', '/v1/users', adminToken, body, userSchema);
  }

  async changePassword(email: string, currentPassword: string, newPassword: string) {
    const { accessToken } = await this.login(email, currentPassword);
    await this.call('POST', '/v1/auth/change-password', accessToken, { currentPassword, newPassword });
  }

  startEncounter(token: string) {
    return this.call('POST', '/v1/encounters', token, undefined, encounterDetailSchema);
  }

  answer(token: string, encounterId: string, text: string, finish = false) {
    return this.call(
      'POST',
      `/v1/encounters/${encounterId}/messages`,
      token,
      { text, ...(finish ? { finish: true } : {}) },
      intakeStateSchema,
    );
  }

  /** Answers the offline intake flow question by question until it is complete. */
  async completeIntake(token: string, encounterId: string): Promise<void> {
    let state = await this.call('GET', `/v1/encounters/${encounterId}/intake`, token, undefined, intakeStateSchema);
    for (let turn = 0; turn < 20 && state.status === 'in_progress'; turn++) {
      const field = state.question?.field ?? 'context';
      state = await this.answer(token, encounterId, INTAKE_ANSWERS[field] ?? 'Nothing else', turn >= 15);
    }
    if (state.status !== 'complete') throw new Error(`intake ended ${state.status}`);
  }

  /** A doctor's GET of the encounter until the background report is stored. */
  async waitForReport(token: string, encounterId: string, timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const detail = await this.call('GET', `/v1/encounters/${encounterId}`, token, undefined, encounterDetailSchema);
      if (detail.report) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`no report for ${encounterId} after ${timeoutMs} ms`);
  }

  submit(token: string, encounterId: string) {
    return this.call('POST', `/v1/encounters/${encounterId}/submit`, token, undefined, encounterDetailSchema);
  }
}

/** Answers for the offline intake flow, by the field it asks about. */
export const INTAKE_ANSWERS: Record<string, string> = {
  chiefComplaint: 'A dry cough for three months and I have lost weight',
  onset: 'About three months ago, gradually',
  character: 'Dry, tickly cough',
  location: 'In my chest',
  severity: '5',
  pattern: 'Worse at night, most days',
  aggravating: 'Cold air and talking a lot',
  relieving: 'Warm drinks help a little',
  associatedSymptoms: 'Weight loss, tiredness and night sweats',
  context: 'I used to smoke; no recent travel',
};
