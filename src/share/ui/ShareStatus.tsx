import { SHARE_STATUS_TEXT } from '../connection';
import { useMapStore } from '../../store/useMapStore';
import { useShareStore } from '../useShareStore';

/** Live / Offline / Read-only, and who else is here with what they selected. Nothing when the map is not shared. */
export function ShareStatus() {
  const status = useShareStore((s) => s.status);
  const readOnly = useMapStore((s) => s.readOnly);
  const peers = useShareStore((s) => s.peers);
  const doc = useMapStore((s) => s.doc);
  if (!status) return null;
  const text = readOnly && status !== 'refused' && status !== 'offline' && status !== 'too-large' ? SHARE_STATUS_TEXT['read-only'] : SHARE_STATUS_TEXT[status];
  return (
    <div className="share-status">
      <span role="status" aria-label="Sharing" className={`share-state share-${status}`}>
        {text}
      </span>
      {peers.length > 0 && (
        <ul aria-label="Also here" className="share-peers">
          {peers.map((p) => {
            const id = p.selection[0];
            const what = id && doc ? (doc.claims[id]?.text ?? doc.quotes[id]?.exact ?? doc.sources[id]?.title ?? null) : null;
            return (
              <li key={p.clientId} title={what ? `${p.name} selected “${what}”` : p.name} style={{ borderColor: peerColor(p.clientId) }}>
                {p.name}
                {what && <span className="visually-hidden">, selected “{what.slice(0, 80)}”</span>}
              </li>
            );
          })}
        </ul>
      )}
      <PresenceRings />
    </div>
  );
}

const COLORS = ['#d9480f', '#1971c2', '#2f9e44', '#9c36b5', '#e8590c', '#0c8599', '#c2255c', '#5f3dc4'];
export const peerColor = (clientId: number): string => COLORS[clientId % COLORS.length]!;

/** A CSS string literal of untrusted text: every character escaped, so a name can never end the rule. */
function cssString(text: string): string {
  let out = '"';
  for (const ch of text) out += `\\${ch.codePointAt(0)!.toString(16)} `;
  return `${out}"`;
}

/**
 * A ring and a name on the graph nodes collaborators have selected, drawn by
 * a style rule on React Flow's node element (`data-id`): the graph's own
 * components stay untouched.
 */
function PresenceRings() {
  const peers = useShareStore((s) => s.peers);
  const rules = peers.flatMap((p) => {
    const id = p.selection[0];
    if (!id) return [];
    const sel = `.react-flow__node[data-id="${CSS.escape(id)}"]`;
    const color = peerColor(p.clientId);
    return [
      `${sel} { outline: 3px solid ${color}; outline-offset: 3px; border-radius: 6px; }`,
      `${sel}::after { content: ${cssString(p.name.slice(0, 40))}; position: absolute; left: 0; top: -1.6em; font: 600 11px/1.4 system-ui, sans-serif; color: #fff; background: ${color}; padding: 0 0.4em; border-radius: 3px; white-space: nowrap; pointer-events: none; }`,
    ];
  });
  if (!rules.length) return null;
  return <style>{rules.join('\n')}</style>;
}
