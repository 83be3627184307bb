import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { currentRequestId } from '@patientinsight/nest-kit';
import { EmbedderClient } from '@patientinsight/shared';
import type { BackendConfig } from '../config/backend.config.js';

/** The typed client of the embedder's internal API, with the service token and request id attached. */
@Global()
@Module({
  providers: [
    {
      provide: EmbedderClient,
      useFactory: (config: ConfigService<BackendConfig, true>) =>
        new EmbedderClient({
          baseUrl: config.get('EMBEDDER_URL', { infer: true }),
          serviceToken: config.get('SERVICE_TOKEN', { infer: true }),
          timeoutMs: config.get('EMBEDDER_TIMEOUT_MS', { infer: true }),
          requestId: currentRequestId,
        }),
      inject: [ConfigService],
    },
  ],
  exports: [EmbedderClient],
})
export class EmbedderModule {}
