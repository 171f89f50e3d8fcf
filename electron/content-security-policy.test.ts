/**
 * The renderer's Content-Security-Policy as the desktop window gets it (index.html as the build
 * writes it) and as host mode sends it: the page runs only its own scripts and talks only to its
 * own origin.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOST_CSP, withContentSecurityPolicy } from '../src/shared/content-security-policy';

/** The policy's directives, by name. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

const windowPolicy = () => {
  const html = withContentSecurityPolicy(readFileSync('renderer/index.html', 'utf8'));
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  if (!meta) throw new Error('no Content-Security-Policy meta tag in index.html');
  return directives(meta[1]!);
};

describe("the renderer's Content-Security-Policy", () => {
  it('in the desktop window: own scripts only, no network, pictures from the avatar scheme', () => {
    const csp = windowPolicy();
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'self'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'none'"]);
    expect(csp['form-action']).toEqual(["'none'"]);
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:', 'clientela-avatar:']);
    // A meta tag cannot forbid framing; browsers warn when one tries.
    expect(csp['frame-ancestors']).toBeUndefined();
  });

  it('in host mode: the same, and no other site may frame the inbox', () => {
    const { 'frame-ancestors': frameAncestors, ...rest } = directives(HOST_CSP);
    expect(frameAncestors).toEqual(["'none'"]);
    const { 'img-src': windowImages, ...windowRest } = windowPolicy();
    expect(rest).toEqual({ ...windowRest, 'img-src': windowImages!.slice(0, -1) });
  });

  it('refuses to build a page that lost its policy mark', () => {
    expect(() => withContentSecurityPolicy('<html><head></head></html>')).toThrow(
      /CONTENT_SECURITY_POLICY/,
    );
  });
});
