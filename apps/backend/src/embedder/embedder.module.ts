import { Global, Module } from '@nestjs/common';
import { currentRequestId } from '@patientinsight/nest-kit';
import { EmbedderClient } from '@patientinsight/shared';
import { configSlice } from '../common/config-slice.js';
import { EMBEDDER_CONFIG, type EmbedderConfig, embedderConfigKeys } from './embedder.config.js';

/** The typed client of the embedder's internal API, with the service token and request id attached. */
@Global()
@Module({
  providers: [
    configSlice<EmbedderConfig>(EMBEDDER_CONFIG, embedderConfigKeys),
    {
      provide: EmbedderClient,
      useFactory: (config: EmbedderConfig) =>
        new EmbedderClient({
          baseUrl: config.EMBEDDER_URL,
          serviceToken: config.SERVICE_TOKEN,
          timeoutMs: config.EMBEDDER_TIMEOUT_MS,
          requestId: currentRequestId,
        }),
      inject: [EMBEDDER_CONFIG],
    },
  ],
  exports: [EmbedderClient],
})
export class EmbedderModule {}
