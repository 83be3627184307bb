export * from './button';
export * from './feedback';
export * from './form';
export * from './layout';
