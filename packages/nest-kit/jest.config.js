import base from '@patientinsight/tsconfig/jest.nest.js';
export default base;
