import { describe, expect, it } from 'vitest';
import { channelNames } from './channel-names';
import { channels } from './index';

describe('channelNames', () => {
  it("are the contract's channels, each once (what the preload exposes)", () => {
    expect([...channelNames].sort()).toEqual([...channels].sort());
    expect(new Set(channelNames).size).toBe(channelNames.length);
  });
});
