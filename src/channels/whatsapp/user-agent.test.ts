/** The browser WhatsApp Web is told it runs in: the Chrome of the day, on the user's system. */
import { expect, it } from 'vitest';
import { chromeMajorOn, userAgentFor } from './user-agent';

it('names the Chrome released by that day', () => {
  expect(chromeMajorOn(new Date('2025-09-02T12:00:00Z'))).toBe(140);
  expect(chromeMajorOn(new Date('2025-09-29T12:00:00Z'))).toBe(140);
  expect(chromeMajorOn(new Date('2025-09-30T12:00:00Z'))).toBe(141);
  // Debian shipped Chromium 156 in the last week of November 2026.
  expect(chromeMajorOn(new Date('2026-11-25T12:00:00Z'))).toBe(156);
});

it('says it runs on the user’s own kind of system', () => {
  const day = new Date('2026-11-25T12:00:00Z');
  expect(userAgentFor('win32', day)).toBe(
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  );
  expect(userAgentFor('darwin', day)).toContain('(Macintosh; Intel Mac OS X 10_15_7)');
  expect(userAgentFor('linux', day)).toContain('(X11; Linux x86_64)');
});
