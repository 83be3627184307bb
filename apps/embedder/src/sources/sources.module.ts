import { type DynamicModule, Module } from '@nestjs/common';
import { LocalFolderSource } from './local/local-folder.source.js';
import { ObjectSources } from './object-source.js';
import { S3Source } from './s3/s3.source.js';

/** What the sources need of the ingestion module's config. */
export interface SourcesConfig {
  DATA_DIR: string;
  LOCAL_SOURCE_ROOTS: string[];
  S3_ENDPOINT?: string;
  S3_REGION: string;
  S3_FORCE_PATH_STYLE: boolean;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
}

/** Uploads are stored here and read back through the local source, like any allowed folder. */
export const uploadsDir = (config: Pick<SourcesConfig, 'DATA_DIR'>) => `${config.DATA_DIR}/uploads`;

@Module({})
export class SourcesModule {
  static forRoot(config: SourcesConfig): DynamicModule {
    return {
      module: SourcesModule,
      providers: [{ provide: ObjectSources, useFactory: () => createObjectSources(config) }],
      exports: [ObjectSources],
    };
  }
}

export function createObjectSources(config: SourcesConfig): ObjectSources {
  return new ObjectSources([
    new LocalFolderSource([...config.LOCAL_SOURCE_ROOTS, uploadsDir(config)]),
    new S3Source({
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      credentials:
        config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
          ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
          : undefined,
    }),
  ]);
}
