import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { endingOf, openConnection } from '../testing/raw-clients';
import { capConnections, openCounts } from './connection-limits';

describe('connection caps', () => {
  it('count each key and the total, and give a place back when one closes', () => {
    const counts = openCounts({ perKey: 2, total: 3 });
    expect([counts.admit('a'), counts.admit('a'), counts.admit('a')]).toEqual([true, true, false]);
    expect(counts.admit('b')).toBe(true);
    // The total is reached: even a new key waits.
    expect(counts.admit('c')).toBe(false);
    counts.release('a');
    expect(counts.admit('c')).toBe(true);
    const uncapped = openCounts({ perKey: null, total: 2 });
    expect([uncapped.admit('proxy'), uncapped.admit('proxy'), uncapped.admit('x')]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('close connections past the total even when each comes from its own address', async () => {
    const server = createServer((_request, response) => response.end('ok'));
    capConnections(server, { perKey: 10, total: 2 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const held = [await openConnection(port, '127.0.0.2'), await openConnection(port, '127.0.0.3')];
    try {
      expect(await endingOf(await openConnection(port, '127.0.0.4'))).toEqual({ received: '' });
      held.pop()!.destroy();
      const open = () =>
        new Promise<number>((resolve) => server.getConnections((_error, count) => resolve(count)));
      await vi.waitFor(async () => expect(await open()).toBe(1));
      // Once one has gone, a newcomer is let in and answered.
      const newcomer = await openConnection(port, '127.0.0.4');
      const answer = endingOf(newcomer);
      newcomer.end('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      expect((await answer).received).toMatch(/^HTTP\/1\.1 200 /);
    } finally {
      for (const socket of held) socket.destroy();
      server.close();
    }
  });
});
