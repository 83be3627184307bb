// @nestjs/throttler is CommonJS and require()s @nestjs/common and @nestjs/core, which are ESM. When
// they sit in one static import graph, Jest's ESM loader reaches the require while the ESM packages
// are still being linked and fails with "Cannot require() ES Module ... in a cycle". Loading them
// first, here, avoids that. Node itself (dist/main.js) does not need this.
await import('@nestjs/common');
await import('@nestjs/core');
await import('@nestjs/throttler');
