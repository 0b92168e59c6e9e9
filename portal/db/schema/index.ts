// One file per area; a new area adds its file and one `export *` line here, then `npm run db:generate`.
export * from './users';
export * from './sessions';
export * from './audit';
export * from './settings';
export * from './principals';
export * from './applications';
export * from './updates';
export * from './rights';
export * from './support';
export * from './backups';
export * from './designer';
export * from './invitations';
export * from './import-jobs';
export * from './support-desk';
export * from './member';
export * from './outages';
export * from './directory';
