/**
 * `pnpm --filter @patientinsight/backend create-admin -- --email ops@example.org [--name "Ops"]`
 * Creates an administrator. The password comes from ADMIN_PASSWORD or, when unset, from the first
 * line of standard input, never from the command line (it would show in `ps` and shell history).
 */
import 'reflect-metadata';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { boot } from '@patientinsight/nest-kit';
import { createUserRequestSchema, toFieldIssues } from '@patientinsight/shared';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { infrastructureModules } from '../app.infrastructure.js';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { AuthService } from '../auth/auth.service.js';
import { type BackendConfig, loadBackendConfig } from '../config/backend.config.js';
import { UserAccountsModule } from '../users/user-accounts.module.js';

/** Only what creating an account needs: the accounts store, auth (hashing, creation) and the audit trail it records to. */
@Module({})
class CreateAdminModule {
  static forRoot(config: BackendConfig): DynamicModule {
    return { module: CreateAdminModule, imports: [...infrastructureModules(config), AuditModule, UserAccountsModule, AuthModule] };
  }
}

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  process.stderr.write('Password for the new administrator (input is not hidden; prefer ADMIN_PASSWORD): ');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

await boot(async () => {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string', default: 'Administrator' } } });
  const parsed = createUserRequestSchema.safeParse({
    email: values.email,
    role: 'admin',
    displayName: values.name,
    initialPassword: await readPassword(),
  });
  if (!parsed.success) {
    process.stderr.write(
      `create-admin: ${toFieldIssues(parsed.error)
        .map((i) => `${i.field === 'initialPassword' ? 'password' : i.field}: ${i.reason}`)
        .join('; ')}\n`,
    );
    process.exit(2);
  }
  // The bootstrap from ADMIN_EMAIL must not run here too; the command is the only creator.
  const config = { ...loadBackendConfig(), ADMIN_EMAIL: undefined, ADMIN_PASSWORD: undefined, METRICS_PORT: 0 };
  const app = await NestFactory.createApplicationContext(CreateAdminModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const user = await app.get(AuthService).createAccount({
      email: parsed.data.email,
      password: parsed.data.initialPassword,
      role: 'admin',
      displayName: parsed.data.displayName,
      mustChangePassword: false,
      createdBy: null,
    });
    process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'administrator created', userId: user.id })}\n`);
  } finally {
    await app.close();
  }
});
