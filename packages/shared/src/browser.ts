// What a browser bundle may import: the contracts only (the Node clients and config loader stay out).
export * from './contracts/errors.js';
export * from './contracts/http.js';
export * from './contracts/text.js';
export * from './contracts/cases.js';
export * from './contracts/search.js';
export * from './contracts/health.js';
export * from './contracts/accounts.js';
export * from './contracts/profiles.js';
export * from './contracts/encounters.js';
export * from './contracts/feedback.js';
export * from './contracts/audit.js';
export * from './contracts/patient-export.js';
export * from './contracts/ingestion.js';
export * from './contracts/intake.js';
export * from './contracts/reports.js';
