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
}): { lines: string[]; ok: boolean };
