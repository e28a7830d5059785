import type { Me } from './api-types';

/** Below this width the phone (antd-mobile) front ends are used. */
export const MOBILE_BREAKPOINT = 768;

export function isNarrowScreen(): boolean {
  return window.innerWidth < MOBILE_BREAKPOINT;
}

/** The /m variant of a desktop path that has one, or null. */
export function toMobilePath(pathname: string): string | null {
  if (pathname === '/' || pathname === '') return '/m';
  if (pathname === '/login' || pathname === '/login/') return '/m/login';
  if (/^\/(portal|workbench)(\/|$)/.test(pathname)) return `/m${pathname}`;
  return null;
}

/**
 * On first load on a phone-sized screen, move `/`, `/login`, `/portal…` and `/workbench…`
 * to their `/m` variants (before the router starts, so no desktop chunk is fetched).
 */
export function redirectNarrowScreenOnce(): void {
  if (!isNarrowScreen()) return;
  const { pathname, search, hash } = window.location;
  const mobile = toMobilePath(pathname);
  if (mobile) window.history.replaceState(window.history.state, '', mobile + search + hash);
}

export function isMobilePath(pathname: string): boolean {
  return pathname === '/m' || pathname.startsWith('/m/');
}

export function homePath(me: Me, mobile: boolean): string {
  switch (me.home) {
    case 'portal':
      return mobile ? '/m/portal' : '/portal';
    case 'workbench':
      return mobile ? '/m/workbench' : '/workbench';
    case 'console':
      return '/console';
  }
}

export function loginPath(mobile: boolean, next?: string): string {
  const base = mobile ? '/m/login' : '/login';
  return next ? `${base}?next=${encodeURIComponent(next)}` : base;
}

/** Only same-origin absolute paths may be used as `?next=` targets (no `//host`, no `/\host`). */
export function safeNextPath(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (/^\/(m\/)?login(\/|\?|$)/.test(next)) return null;
  return next;
}

/** On a phone, a `?next=` desktop path that has an /m variant becomes that variant. */
export function nextForDevice(next: string, mobile: boolean): string {
  if (!mobile || isMobilePath(next)) return next;
  const cut = next.search(/[?#]/);
  const pathname = cut < 0 ? next : next.slice(0, cut);
  const mobilePath = pathname === '/' ? null : toMobilePath(pathname);
  return mobilePath ? mobilePath + (cut < 0 ? '' : next.slice(cut)) : next;
}
