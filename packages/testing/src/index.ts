export * from './free-port.js';
export * from './service-process.js';
export * from './stack.js';
export * from './tcp-proxy.js';
export * from './http-probe.js';
