import { describe, expect, it } from 'vitest';
import { nextRange, withAllRanges } from './ldap-read';

describe('AD range retrieval', () => {
  it('fetches member;range=1500-* and so on until the range ending in *', async () => {
    const first = { dn: 'cn=big', 'member;range=0-1499': ['m0', 'm1'] };
    const asked: string[] = [];
    const ranges: Record<string, Record<string, string[]>> = {
      'member;range=1500-*': { 'member;range=1500-2999': ['m2'] },
      'member;range=3000-*': { 'member;range=3000-*': ['m3'] },
    };
    const values = await withAllRanges(first, 'member', async (dn, range) => {
      asked.push(`${dn} ${range}`);
      return { dn, ...ranges[range] };
    });
    expect(values).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(asked).toEqual(['cn=big member;range=1500-*', 'cn=big member;range=3000-*']);
  });

  it('asks for nothing more when the group came whole', async () => {
    expect(nextRange({ dn: 'cn=small', member: ['a'] }, 'member')).toBeNull();
    expect(await withAllRanges({ dn: 'cn=small', member: ['a', 'b'] }, 'member', () => Promise.reject(new Error('not asked')))).toEqual(['a', 'b']);
  });
});
