/**
 * Key chords: how a command names its keys once, for matching a keyboard
 * event, for the shortcuts dialog and for `aria-keyshortcuts`.
 */

/**
 * `key` is a `KeyboardEvent.key`: a letter matches either case. `shift`
 * absent: either way (a `?` needs Shift on most layouts); true or false: it
 * must be so. `mod`: Ctrl (Cmd on a Mac) must be held; without it, neither
 * may be, nor Alt.
 */
export type KeyChord = { readonly key: string; readonly shift?: boolean; readonly mod?: boolean };

/** The parts of a keyboard event a chord looks at (a DOM or React event, or a test's plain object). */
export type KeyPress = { key: string; shiftKey?: boolean; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean };

const isLetter = (key: string) => key.length === 1 && key.toLowerCase() !== key.toUpperCase();

export function chordMatches(chord: KeyChord, e: KeyPress): boolean {
  const same = isLetter(chord.key) ? e.key.toLowerCase() === chord.key.toLowerCase() : e.key === chord.key;
  if (!same || e.altKey) return false;
  const mod = !!(e.ctrlKey || e.metaKey);
  if (mod !== !!chord.mod) return false;
  return chord.shift === undefined || chord.shift === !!e.shiftKey;
}

const shown = (key: string) => (isLetter(key) ? key.toUpperCase() : key);

/** As the shortcuts dialog and tooltips write it: `N`, `Shift+G`, `Ctrl+Shift+Z`. */
export function formatChord(chord: KeyChord): string {
  return `${chord.mod ? 'Ctrl+' : ''}${chord.shift ? 'Shift+' : ''}${shown(chord.key)}`;
}

/** As `aria-keyshortcuts` wants it: `N`, `Shift+G`, `Control+Shift+Z`. */
export function ariaChord(chord: KeyChord): string {
  return `${chord.mod ? 'Control+' : ''}${chord.shift ? 'Shift+' : ''}${shown(chord.key)}`;
}
