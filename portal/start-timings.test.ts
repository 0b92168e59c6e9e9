import { describe, expect, it } from 'vitest';
import { parseStartLine, startLine, timedStep, type StartTimings } from './start-timings';

describe('start timings', () => {
  it('note each step, also one that fails', async () => {
    const timings: StartTimings = [];
    expect(await timedStep(timings, 'database', async () => 7)).toBe(7);
    await expect(timedStep(timings, 'app', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(timings.map(([step]) => step)).toEqual(['database', 'app']);
    expect(timings.every(([, ms]) => Number.isInteger(ms) && ms >= 0)).toBe(true);
  });

  it('make one stderr line that the startup bench reads back', () => {
    const line = startLine([['modules', 310], ['database', 702], ['data', 41]], 1234.4, 'existing');
    expect(line).toBe('portal: started in 1234 ms (modules 310, database 702, data 41) on the existing database');
    expect(parseStartLine(line)).toEqual({ total: 1234, modules: 310, database: 702, data: 41 });
    expect(parseStartLine('portal: stopped')).toBeNull();
  });
});
