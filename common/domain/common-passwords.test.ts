import { describe, expect, it } from 'vitest';
import { commonPasswordCandidates, isCommonPassword } from './common-passwords';

describe('isCommonPassword', () => {
  it.each([
    ['123456', 'top of the list'],
    ['password', 'plain'],
    ['PassWord', 'case-insensitive'],
    ['passwort', 'German word in the bundled list'],
    ['qwertz', 'German keyboard row from the supplement'],
    ['Willkommen', 'German greeting from the supplement'],
    ['sommer2024', 'common word with trailing year'],
    ['Schalke04!', 'list entry with trailing punctuation'],
    ['monkey!!', 'trailing exclamation marks'],
    ['P@ssw0rd', 'leetspeak a=@ o=0'],
    ['p4$$w0rd1', 'leetspeak plus trailing digit'],
    ['L3tm31n', 'leetspeak e=3 i=1'],
    ['5unshine', 'leetspeak s=5'],
  ])('%s is common (%s)', (password) => {
    expect(isCommonPassword(password)).toBe(true);
  });

  it.each([
    ['Tr0ub4dor&3x', 'symbol inside, not only at the end'],
    ['korrekt-Pferd-Batterie-Heftklammer', 'long passphrase'],
    ['kx9#Vm2!qLw7', 'random'],
    ['bob90817263', 'list entry "bob" is too short a base to reject on'],
    ['', 'empty'],
  ])('%s is not common (%s)', (password) => {
    expect(isCommonPassword(password)).toBe(false);
  });

  it('derives the lowercase, stripped and un-leeted variants', () => {
    expect(commonPasswordCandidates('S0mmer2024!').sort()).toEqual(['s0mmer', 's0mmer2024!', 'sommer', 'sommer2o2a!'].sort());
  });
});
