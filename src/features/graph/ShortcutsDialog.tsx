import { CloseRow, Dialog } from '../../components/Dialog';
import { COMMANDS } from '../../commands/commands';
import { formatChord } from '../../commands/keys';

/**
 * Keys the graph's keyboard handles itself (moving the focus, selecting,
 * editing in place): not commands, so only described here.
 */
const NAVIGATION: readonly (readonly [string, string])[] = [
  ['Tab / Shift+Tab', 'Move between nodes and links'],
  ['↑', 'Go to a claim the focused node links to'],
  ['↓', 'Go to evidence linking to the focused claim'],
  ['← / →', 'Go to a sibling (other evidence of the same claim)'],
  ['Enter', 'Edit the focused claim in place (Enter saves, Escape cancels)'],
  ['Space', 'Select the focused node or link (Shift+Space adds it to the selection)'],
  ['Shift+click, Shift+drag', 'Add to the selection, select with a box'],
];

/** Every row of the dialog: the navigation keys, then each command with keys, from the command list. */
export const SHORTCUTS: readonly (readonly [string, string])[] = [
  ...NAVIGATION,
  ...COMMANDS.filter((c) => c.keys.length).map((c) => [c.keys.map(formatChord).join(' / '), c.help] as const),
];

/** The `Keyboard shortcuts` dialog. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} className="graph-help">
      <p>These work while the focus is in the graph (not while typing in a field).</p>
      <table className="shortcut-table">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <CloseRow onClose={onClose} />
    </Dialog>
  );
}
