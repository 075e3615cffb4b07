import { afterEach, describe, expect, it } from 'vitest';
import { mapStore } from '../../store/useMapStore';
import { useGraphUi } from './graphUi';

afterEach(() => {
  mapStore.getState().setReadOnly(false);
  useGraphUi.getState().edit(null);
});

describe('the in-graph claim editor', () => {
  it('opens on a claim of an editable map', () => {
    useGraphUi.getState().edit('c_1');
    expect(useGraphUi.getState().editingId).toBe('c_1');
  });

  it('never opens while the map is read-only (review link), and still closes', () => {
    useGraphUi.getState().edit('c_1');
    mapStore.getState().setReadOnly(true);
    useGraphUi.getState().edit('c_2');
    expect(useGraphUi.getState().editingId).toBe('c_1');
    useGraphUi.getState().edit(null);
    expect(useGraphUi.getState().editingId).toBeNull();
  });
});
