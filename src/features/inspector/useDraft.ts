import { useState } from 'react';

/**
 * Text typed into a field whose stored value is a normalised form of it
 * (tags parsed from "a, b", a title trimmed): binding the field straight to
 * the store would eat the comma or the space just typed. The draft keeps the
 * keystrokes; it is replaced by the stored value only when that value stops
 * matching the draft (undo, redo, another tab).
 */
export function useDraft<T>(
  stored: T,
  format: (value: T) => string,
  matches: (draft: string, stored: T) => boolean,
): [string, (text: string) => void] {
  const [draft, setDraft] = useState(() => format(stored));
  const [seen, setSeen] = useState(stored);
  if (!Object.is(seen, stored)) {
    // Adjusting state while rendering (react.dev, "You might not need an effect").
    setSeen(stored);
    if (!matches(draft, stored)) setDraft(format(stored));
  }
  return [draft, setDraft];
}
