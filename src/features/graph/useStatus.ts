import { useCallback, useEffect, useRef, useState } from 'react';

/** How long a status message stays before it goes (a message asking for a step stays). */
export const STATUS_MS = 4000;

/**
 * The graph's one-line status. A message clears itself after STATUS_MS unless
 * it is `sticky` (one that asks for the next step, like "Choose Supports or
 * Contradicts."), so "Layout done." does not hang about.
 */
export function useStatus(): [string, (message: string, sticky?: boolean) => void] {
  const [status, setStatusState] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const setStatus = useCallback((message: string, sticky = false) => {
    clearTimeout(timer.current);
    setStatusState(message);
    if (message && !sticky) timer.current = setTimeout(() => setStatusState(''), STATUS_MS);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);
  return [status, setStatus];
}
