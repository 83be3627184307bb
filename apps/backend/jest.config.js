import base from '@patientinsight/tsconfig/jest.nest.js';

export default { ...base, setupFiles: ['<rootDir>/test/support/preload-nest.mjs'] };
