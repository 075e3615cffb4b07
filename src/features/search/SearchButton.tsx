import { useEffect, useState } from 'react';
import { appSearchClient } from './searchClient';
import { SearchDialog } from './SearchDialog';

/** The header's `Search` button; Ctrl+K (Cmd+K) opens the same dialog from anywhere in the map. */
export function SearchButton() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    // Index the open map now, in the worker, so the first search is instant.
    appSearchClient();
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'k') return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <button type="button" aria-keyshortcuts="Control+K" title="Search sources, quotes and claims (Ctrl+K)" onClick={() => setOpen(true)}>
        Search
      </button>
      {open && <SearchDialog onClose={() => setOpen(false)} />}
    </>
  );
}
