import { CloseRow, Dialog } from '../../components/Dialog';

export const SHORTCUTS: readonly (readonly [string, string])[] = [
  ['Tab / Shift+Tab', 'Move between nodes and links'],
  ['↑', 'Go to a claim the focused node links to'],
  ['↓', 'Go to evidence linking to the focused claim'],
  ['← / →', 'Go to a sibling (other evidence of the same claim)'],
  ['Enter', 'Edit the focused claim in place (Enter saves, Escape cancels)'],
  ['Space', 'Select the focused node or link (Shift+Space adds it to the selection)'],
  ['Shift+click, Shift+drag', 'Add to the selection, select with a box'],
  ['Delete / Backspace', 'Delete the focused node (or the selection, when the focus is not on a node)'],
  ['N', 'New claim at the centre of the view'],
  ['L', 'Start a link from the focused node; move to a claim with the arrows (any claim, linked or not) or Tab to a link, Enter, then choose Supports or Contradicts'],
  ['U', 'Aim a link from the focused node at a link: pick it in a list, then Supports backs it, Contradicts undercuts it'],
  ['Escape', 'Cancel a link or the relation chooser'],
  ['F', 'Fit the whole graph in view'],
  ['T', 'Zoom to the thesis and its direct reasons'],
  ['A', 'Auto layout'],
  ['G', 'Link as one argument: join the selected links to one claim (Shift+click or Shift+Space to select them)'],
  ['Shift+G', 'Break the focused or selected linked argument into separate reasons'],
  ['/', 'Find in graph (Enter goes to the next match)'],
  ['?', 'Show these shortcuts'],
  ['Ctrl+Z / Ctrl+Shift+Z', 'Undo / redo'],
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
