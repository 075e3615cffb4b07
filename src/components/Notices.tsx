import { useEffect } from 'react';
import { useMapStore } from '../store/useMapStore';
import type { Notice } from '../store/session';

/** How long a piece of information stays before it leaves by itself. */
export const INFO_MS = 6000;
/** Notices shown at once: more would cover the work. */
export const SHOWN_AT_ONCE = 2;

/**
 * Messages that do not block work: what was not saved, what changed in
 * another tab. Errors are announced assertively and stay until dismissed;
 * information politely, and leaves by itself after INFO_MS. At most
 * SHOWN_AT_ONCE stand at once, errors first (the newest), in the bottom-left
 * corner, over the side panel rather than the graph's nodes.
 */
export function Notices() {
  const notices = useMapStore((s) => s.notices);
  const dismiss = useMapStore((s) => s.dismissNotice);
  const errors = notices.filter((n) => n.kind === 'error');
  const infos = notices.filter((n) => n.kind !== 'error');
  // Errors wait their turn; information not shown now would surface stale later, so it goes.
  const shownErrors = errors.slice(-SHOWN_AT_ONCE);
  const room = SHOWN_AT_ONCE - shownErrors.length;
  const shownInfos = room > 0 ? infos.slice(-room) : [];
  const stale = infos.filter((n) => !shownInfos.includes(n)).map((n) => n.id);
  const staleKey = stale.join();
  useEffect(() => {
    if (staleKey) for (const id of staleKey.split(',')) dismiss(Number(id));
  }, [staleKey, dismiss]);
  const shown = [...shownErrors, ...shownInfos];
  return (
    <div className="notices" aria-label="Messages" role="region">
      {shown.map((n) => (
        <NoticeItem key={n.id} notice={n} onDismiss={() => dismiss(n.id)} />
      ))}
    </div>
  );
}

function NoticeItem({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }) {
  const info = notice.kind !== 'error';
  useEffect(() => {
    if (!info) return;
    const timer = setTimeout(onDismiss, INFO_MS);
    return () => clearTimeout(timer);
    // One timer a notice, from when it is first shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [info, notice.id]);
  return (
    <div className={`notice notice-${notice.kind}`} role={info ? 'status' : 'alert'}>
      <span>{notice.text}</span>
      <button type="button" className="notice-close" aria-label="Dismiss message" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
