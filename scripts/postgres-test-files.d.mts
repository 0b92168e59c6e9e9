export function postgresTestFiles(recordText: string): string[];
export function readRecord(path: string): string;
