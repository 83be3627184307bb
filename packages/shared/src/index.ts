export * from './contracts/errors.js';
export * from './contracts/http.js';
export * from './contracts/cases.js';
export * from './contracts/search.js';
export * from './contracts/health.js';
export * from './clients/embedder-client.js';
export * from './config/load-config.js';
