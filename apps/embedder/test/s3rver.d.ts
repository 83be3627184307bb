declare module 's3rver' {
  export default class S3rver {
    constructor(options: { port?: number; address?: string; silent?: boolean; directory: string; configureBuckets?: { name: string }[] });
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
    /** S3 event notification records (`{ Records: [...] }`) for each put, copy, post and delete, keys not URL-encoded. */
    on(
      event: 'event',
      listener: (event: {
        Records: { eventName: string; s3: { bucket: { name: string }; object: { key: string; eTag?: string; size?: number } } }[];
      }) => void,
    ): this;
  }
}
