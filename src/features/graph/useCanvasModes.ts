/**
 * What the canvas hides and how it draws at the current zoom: focus mode
 * (only what bears on one claim), the overview below OVERVIEW_ZOOM (quotes
 * folded into a badge a claim, large type) and the far view below FAR_ZOOM.
 */
import { useEffect, useMemo, useState, type RefObject } from 'react';
import { useStore, useStoreApi } from '@xyflow/react';
import type { MapDoc } from '../../domain/change';
import { bearingOn } from './graphQueries';
import { collapsedQuotes } from './toFlow';
import { useGraphUi } from './graphUi';
import { FAR_ZOOM, OVERVIEW_ZOOM, type EvidenceFlowEdge, type FlowNode } from './flowTypes';

/** Overview text size in flow px: about 9.6 px on screen, within bounds. */
const overviewFont = (zoom: number) => Math.round(Math.min(96, Math.max(14, 9.6 / zoom)));

export function useCanvasModes(doc: MapDoc, wrapperRef: RefObject<HTMLDivElement | null>) {
  const capturing = useGraphUi((s) => s.capturing);
  const expanded = useGraphUi((s) => s.expanded);
  const [focusId, setFocusId] = useState('');
  const { links, claims, quotes } = doc;
  const visible = useMemo(
    () => (focusId && claims[focusId] ? bearingOn({ links, claims, quotes } as MapDoc, focusId) : null),
    [focusId, links, claims, quotes],
  );
  const overview = useStore((s) => s.transform[2] < OVERVIEW_ZOOM) && !capturing;
  const far = useStore((s) => s.transform[2] < FAR_ZOOM) && !capturing;
  const collapsed = useMemo(
    () => (overview ? collapsedQuotes({ links, quotes } as MapDoc, expanded) : null),
    [overview, links, quotes, expanded],
  );

  // The overview's text size follows the zoom without re-rendering React.
  const store = useStoreApi<FlowNode, EvidenceFlowEdge>();
  useEffect(() => {
    let last = -1;
    const apply = (zoom: number) => {
      const font = overviewFont(zoom);
      if (font === last) return;
      last = font;
      wrapperRef.current?.style.setProperty('--gn-ov-font', `${font}px`);
    };
    apply(store.getState().transform[2]);
    return store.subscribe((s) => apply(s.transform[2]));
  }, [store, wrapperRef]);

  return { focusId, setFocusId, visible, overview, far, collapsed, capturing };
}
