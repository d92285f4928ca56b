export * from './common';
export * from './auth';
export * from './forum';
export * from './media';
export * from './moderation';
export * from './content-check-probe';
export * from './labels';
