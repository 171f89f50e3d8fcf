import { useState } from 'react';
import { api } from '../api/client';

/** How the core names a picture in its local cache (src/channels/context.ts AVATAR_PREFIX). */
const AVATAR_PREFIX = 'avatar:';

/** The address to load a stored picture from: only the local cache or inline data, never the web. */
function pictureSource(url: string | null): string | null {
  if (!url) return null;
  if (url.startsWith(AVATAR_PREFIX)) return api.avatarUrl(url.slice(AVATAR_PREFIX.length));
  // A remote address would tell a tracker who looked at whom.
  return /^(data:image\/|blob:)/.test(url) ? url : null;
}

/** A person's picture, or their initials on a colour picked from their name when there is none. */
export function Avatar({
  name,
  url,
  size = 36,
}: {
  name: string;
  url: string | null;
  size?: number;
}) {
  const initials = name
    .split(/\s+/)
    .filter((w) => /\p{L}/u.test(w))
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  const style = { width: size, height: size, fontSize: size * 0.4 };
  const source = pictureSource(url);
  // A picture gone from the cache (or not an image) falls back to the initials.
  const [failed, setFailed] = useState<string | null>(null);
  if (source && failed !== source)
    return (
      <img className="avatar" src={source} alt="" style={style} onError={() => setFailed(source)} />
    );
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{ ...style, background: `hsl(${Math.abs(hash) % 360} 55% 45%)` }}
    >
      {initials || '#'}
    </span>
  );
}
