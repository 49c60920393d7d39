import { useSyncExternalStore } from 'react';

const query = '(prefers-color-scheme: dark)';

const subscribe = (onChange: () => void) => {
  const media = window.matchMedia(query);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
};

/**
 * 'dark' or 'light' as the system says now. CSS follows the system by itself; a canvas chart
 * has its axis colours baked in, so it needs to be redrawn when this changes.
 */
export function useColorScheme(): 'dark' | 'light' {
  return useSyncExternalStore(subscribe, () =>
    window.matchMedia(query).matches ? 'dark' : 'light',
  );
}
