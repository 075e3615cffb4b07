import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { MapDoc } from '../domain/change';
import { smallDoc } from '../test/factories';
import { createSession, validSelection, type SessionActions, type SessionState } from './session';

function sessionStore(doc: MapDoc | null = smallDoc()) {
  return createStore<SessionState & SessionActions & { doc: MapDoc | null }>()((set, get) => ({ doc, ...createSession(set, get) }));
}

describe('the session: what the user looks at', () => {
  it('selecting a quote opens its source; a source opens itself', () => {
    const s = sessionStore();
    s.getState().select({ kind: 'quote', id: 'q_2' });
    expect(s.getState().openSourceId).toBe('src_a');
    s.getState().openSource(null);
    s.getState().select({ kind: 'source', id: 'src_a' });
    expect(s.getState().openSourceId).toBe('src_a');
  });

  it('each flash and reveal request is new, and names only what exists', () => {
    const s = sessionStore();
    s.getState().showInSource('q_1');
    const first = s.getState().flash;
    s.getState().showInSource('q_1');
    expect(s.getState().flash?.seq).not.toBe(first?.seq);
    s.getState().showInGraph('c_sub');
    expect(s.getState().selection).toEqual({ kind: 'claim', id: 'c_sub' });
    s.getState().showInGraph('c_nope');
    expect(s.getState().reveal?.nodeId).toBe('c_sub');
  });

  it('keeps the last five notices, and dismisses one by id', () => {
    const s = sessionStore(null);
    for (let i = 0; i < 7; i++) s.getState().notify('info', `n${i}`);
    expect(s.getState().notices.map((n) => n.text)).toEqual(['n2', 'n3', 'n4', 'n5', 'n6']);
    s.getState().dismissNotice(s.getState().notices[0]!.id);
    expect(s.getState().notices).toHaveLength(4);
  });

  it('a selection of something deleted is no selection', () => {
    const doc = smallDoc();
    expect(validSelection(doc, { kind: 'link', id: 'l_1' })).toEqual({ kind: 'link', id: 'l_1' });
    expect(validSelection(doc, { kind: 'link', id: 'l_9' })).toBeNull();
  });
});
