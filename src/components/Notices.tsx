import { useMapStore } from '../store/useMapStore';

/**
 * Messages that do not block work: what was not saved, what changed in
 * another tab. Errors are announced assertively, the rest politely.
 */
export function Notices() {
  const notices = useMapStore((s) => s.notices);
  const dismiss = useMapStore((s) => s.dismissNotice);
  return (
    <div className="notices" aria-label="Messages" role="region">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          <button type="button" className="notice-close" aria-label="Dismiss message" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
