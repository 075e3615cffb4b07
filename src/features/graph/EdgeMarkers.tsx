/** The arrow (supports) and bar (contradicts) line ends, defined once for every edge. */
export function EdgeMarkers() {
  return (
    <svg className="graph-markers" aria-hidden="true" width="0" height="0">
      <defs>
        <Marker relation="supports" refX={9} size={12} path="M0,0 L10,5 L0,10 z" />
        <Marker relation="contradicts" refX={8} size={14} path="M7,0 L7,10 M3,1 L3,9" />
      </defs>
    </svg>
  );
}

/** A line end drawn in a 10 × 10 box, `size` px on screen whatever the zoom, turned with the line. */
function Marker({ relation, refX, size, path }: { relation: 'supports' | 'contradicts'; refX: number; size: number; path: string }) {
  return (
    <marker
      id={`warrant-marker-${relation}`}
      viewBox="0 0 10 10"
      refX={refX}
      refY="5"
      markerWidth={size}
      markerHeight={size}
      markerUnits="userSpaceOnUse"
      orient="auto-start-reverse"
    >
      <path d={path} className={`marker-${relation}`} />
    </marker>
  );
}
