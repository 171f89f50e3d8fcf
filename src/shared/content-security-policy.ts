/**
 * The renderer's Content-Security-Policy, written once for its two homes: the desktop window
 * (a meta tag that electron.vite.config.ts writes into index.html) and host mode (a header).
 * Scripts only from the app itself, no plugins, no forms, no <base>; the page talks only to its
 * own origin (host mode's API and WebSocket; the desktop window uses IPC and connects nowhere).
 */
const DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  // data: draws the QR code; blob: holds pictures the page made itself.
  'img-src': ["'self'", 'data:', 'blob:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

const write = (directives: Record<string, string[]>) =>
  Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');

/** The desktop window's policy: also the cached profile pictures' own scheme (avatar-protocol.ts). */
export const WINDOW_CSP = write({
  ...DIRECTIVES,
  'img-src': [...DIRECTIVES['img-src']!, 'clientela-avatar:'],
});

/** Host mode's header: no other site may frame the inbox (a header-only directive). */
export const HOST_CSP = write({ ...DIRECTIVES, 'frame-ancestors': ["'none'"] });

/** index.html with its policy written in, where the `%CONTENT_SECURITY_POLICY%` mark stands. */
export function withContentSecurityPolicy(html: string): string {
  if (!html.includes('%CONTENT_SECURITY_POLICY%'))
    throw new Error('index.html has no %CONTENT_SECURITY_POLICY% mark for its policy');
  return html.replace('%CONTENT_SECURITY_POLICY%', WINDOW_CSP);
}
