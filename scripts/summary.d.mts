export interface RunInput {
  report: object | null;
  exitCode: number;
}
export interface PostgresRunInput extends RunInput {
  notRun: string | null;
  expectedFiles: string[];
  usedFiles: string[];
}
export function summarize(input: {
  vitest: RunInput;
  postgres: PostgresRunInput;
  playwright: RunInput;
  ci: boolean;
  root: string;
  /** Why scripts/with-slapd.sh had no OpenLDAP server; null or absent: it had one. */
  ldapNotRun?: string | null;
}): { lines: string[]; ok: boolean };
