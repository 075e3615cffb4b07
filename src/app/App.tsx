import { useEffect } from 'react';
import { MAPS_HREF, mapHref, navigate, replaceRoute, useRoute } from './useRoute';
import { JoinScreen } from '../share/ui/JoinScreen';
import { OpenSharedMap } from '../share/ui/OpenSharedMap';
import { MapList } from '../features/maps/MapList';
import { MapScreen } from './MapScreen';
import { Notices } from '../components/Notices';
import { UpdateBanner } from './UpdateBanner';
import { OutdatedBanner } from '../features/maps/OutdatedBanner';
import { mapStore } from '../store/useMapStore';
import { ErrorBoundary } from './ErrorBoundary';

export function App() {
  const route = useRoute();
  const mapId = route.screen === 'map' ? route.mapId : null;
  useEffect(() => {
    if (mapId) void mapStore.getState().openMap(mapId);
    else mapStore.getState().closeMap();
  }, [mapId]);
  return (
    <div className={mapId ? 'app-shell is-map' : 'app-shell'}>
      <UpdateBanner />
      <OutdatedBanner />
      <ErrorBoundary key={mapId ?? route.screen}>
        {mapId ? (
          <MapScreen mapId={mapId} />
        ) : route.screen === 'join' ? (
          <JoinScreen hash={route.hash} mapsHref={MAPS_HREF} onJoined={(id) => replaceRoute(mapHref(id))} onCancel={() => replaceRoute(MAPS_HREF)} />
        ) : (
          <MapList extraActions={<OpenSharedMap onOpen={navigate} />} />
        )}
      </ErrorBoundary>
      <Notices />
    </div>
  );
}
