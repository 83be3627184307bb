// Test helpers (`@patientinsight/nest-kit/testing`), kept out of the production index so services never load them.
export * from './database/test-database.js';
