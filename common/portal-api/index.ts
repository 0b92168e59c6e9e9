export * from './common';
export * from './problem';
export * from './session';
export * from './security-policy';
export * from './health';
export * from './current-session';
export * from './audit';
