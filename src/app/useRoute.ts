import { useSyncExternalStore } from 'react';

/** Where the app is: the map list, or one map. Kept in the URL hash so reload and back work. */
export type Route = { screen: 'maps' } | { screen: 'map'; mapId: string } | { screen: 'join'; hash: string };

export function parseHash(hash: string): Route {
  // A share link (src/share/tokens.ts): the join screen reads its parameters.
  if (hash.startsWith('#/join?')) return { screen: 'join', hash };
  const m = /^#\/map\/([^/?#]+)/.exec(hash);
  if (m?.[1]) return { screen: 'map', mapId: decodeIdPart(m[1]) };
  return { screen: 'maps' };
}

/**
 * Decodes what `encodeIdPart` wrote, and never throws: a hash typed or
 * pasted by hand (`#/map/%`, `%E0%A4`) keeps each escape that is not valid
 * UTF-8 as the characters it is, so the route names a map that is not
 * there instead of blanking the app.
 */
export function decodeIdPart(part: string): string {
  return part.replace(/%u([0-9a-fA-F]{4})|(?:%[0-9a-fA-F]{2})+/g, (run, unit: string | undefined) => {
    if (unit) return String.fromCharCode(parseInt(unit, 16));
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** Matches one UTF-16 code unit of a surrogate pair left without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * `encodeURIComponent`, except that it does not throw on a lone surrogate
 * (an id of an old or hand-made map file may hold one): such a code unit is
 * written `%uD800`, which `decodeIdPart` reads back.
 */
export function encodeIdPart(id: string): string {
  let out = '';
  let last = 0;
  for (const m of id.matchAll(LONE_SURROGATE)) {
    out += encodeURIComponent(id.slice(last, m.index)) + `%u${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    last = m.index + m[0].length;
  }
  return out + encodeURIComponent(id.slice(last));
}

export const mapHref = (mapId: string): string => `#/map/${encodeIdPart(mapId)}`;
export const MAPS_HREF = '#/';

/** Goes to `href` in place of the current entry (a share link's token leaves the history). */
export function replaceRoute(href: string): void {
  window.location.replace(href);
}

export function navigate(href: string): void {
  if (window.location.hash !== href) window.location.hash = href;
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};
const getHash = () => window.location.hash;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash, () => '');
  return parseHash(hash);
}
