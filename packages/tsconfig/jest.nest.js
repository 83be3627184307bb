// Shared Jest setup for the Nest packages: native ESM (Node's --experimental-vm-modules), TypeScript
// through @swc/jest with decorator metadata, `.js` import suffixes mapped back to the .ts sources.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        swcrc: false,
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2023',
          keepClassNames: true,
        },
        module: { type: 'es6' },
      },
    ],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // A guard against hangs, never a speed check (hooks share it): on a loaded two-core CI machine an app boot
  // outlasted a tighter limit.
  testTimeout: 180_000,
  // Each test file's module registry (and its PGlite/LanceDB instances) outlives the file in a long-lived worker; the
  // heap then grows file after file and later files slow down. Recycling the worker past this size keeps them steady.
  workerIdleMemoryLimit: '1GB',
};
