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
import { FAR_ZOOM, LABEL_ZOOM, OVERVIEW_ZOOM, overviewFont, type EvidenceFlowEdge, type FlowNode } from './flowTypes';


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
  // Under LABEL_ZOOM the overview's text and badge give way to shapes (`is-tiny`).
  const tiny = useStore((s) => s.transform[2] < LABEL_ZOOM) && !capturing;
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
      const font = Math.round(overviewFont(zoom) * 100) / 100;
      if (font === last) return;
      last = font;
      wrapperRef.current?.style.setProperty('--gn-ov-font', `${font}px`);
    };
    apply(store.getState().transform[2]);
    return store.subscribe((s) => apply(s.transform[2]));
  }, [store, wrapperRef]);

  return { focusId, setFocusId, visible, overview, tiny, far, collapsed, capturing };
}
