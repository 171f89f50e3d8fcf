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
  // Only local pictures (the core's avatar cache) or inline data: a remote address could track.
  if (url && /^(data:image\/|\/|blob:)/.test(url))
    return <img className="avatar" src={url} alt="" style={style} />;
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
