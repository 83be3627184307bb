import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { boot, configureApp, serve } from '@patientinsight/nest-kit';
import { mkdirSync } from 'node:fs';
import { AppModule } from './app.module.js';
import { configureBackendApp } from './common/openapi.js';
import { loadBackendConfig } from './config/backend.config.js';

await boot(async () => {
  const config = loadBackendConfig();
  mkdirSync(config.DATA_DIR, { recursive: true });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false,
  });
  configureApp(app, { bodyLimit: '256kb' });
  configureBackendApp(app, config);
  app.enableCors({ origin: config.CORS_ORIGINS, credentials: true });
  await serve(app, { port: config.PORT, host: config.HOST, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS });
});
