export * from './browser.js';
export * from './clients/embedder-client.js';
export * from './config/load-config.js';
