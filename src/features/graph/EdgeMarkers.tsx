/** The arrow (supports) and bar (contradicts) line ends, defined once for every edge. */
export function EdgeMarkers() {
  return (
    <svg className="graph-markers" aria-hidden="true" width="0" height="0">
      <defs>
        <marker
          id="warrant-marker-supports"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="12"
          markerHeight="12"
          markerUnits="userSpaceOnUse"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L10,5 L0,10 z" className="marker-supports" />
        </marker>
        <marker
          id="warrant-marker-contradicts"
          viewBox="0 0 10 10"
          refX="8"
          refY="5"
          markerWidth="14"
          markerHeight="14"
          markerUnits="userSpaceOnUse"
          orient="auto-start-reverse"
        >
          <path d="M7,0 L7,10 M3,1 L3,9" className="marker-contradicts" />
        </marker>
      </defs>
    </svg>
  );
}
