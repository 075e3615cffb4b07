import { useSyncExternalStore } from 'react';

/** Where the app is: the map list, or one map. Kept in the URL hash so reload and back work. */
export type Route = { screen: 'maps' } | { screen: 'map'; mapId: string };

export function parseHash(hash: string): Route {
  const m = /^#\/map\/([^/?#]+)/.exec(hash);
  if (m?.[1]) return { screen: 'map', mapId: decodeURIComponent(m[1]) };
  return { screen: 'maps' };
}

export const mapHref = (mapId: string): string => `#/map/${encodeURIComponent(mapId)}`;
export const MAPS_HREF = '#/';

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
