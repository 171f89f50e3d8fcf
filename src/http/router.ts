/** A small path router: `/api/customers/:id` patterns, matched segment by segment. */

export type Route<Handler> = readonly [verb: string, pattern: string, handler: Handler];

export type Match<Handler> =
  | { handler: Handler; params: Record<string, string> }
  /** The path exists, but not for this verb (405). */
  | 'wrong_verb'
  | null;

function matchPath(pattern: string[], path: string[]): Record<string, string> | null {
  if (pattern.length !== path.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    const segment = path[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return null;
  }
  return params;
}

/** Routes are tried in order, so a fixed path (`/stats`) listed first wins over `/:id`. */
export function createRouter<Handler>(
  routes: readonly Route<Handler>[],
): (verb: string, pathname: string) => Match<Handler> {
  const compiled = routes.map(([verb, pattern, handler]) => ({
    verb,
    parts: pattern.split('/'),
    handler,
  }));
  return (verb, pathname) => {
    let path: string[];
    try {
      path = pathname.split('/').map(decodeURIComponent);
    } catch {
      return null;
    }
    let pathExists = false;
    for (const route of compiled) {
      const params = matchPath(route.parts, path);
      if (!params) continue;
      if (route.verb === verb) return { handler: route.handler, params };
      pathExists = true;
    }
    return pathExists ? 'wrong_verb' : null;
  };
}
