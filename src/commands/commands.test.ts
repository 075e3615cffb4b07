import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS, command, commandForKey, commandTitle } from './commands';
import { formatChord } from './keys';
import { SHORTCUTS } from '../features/graph/ShortcutsDialog';
import { READ_ONLY_TITLE } from '../store/useMapStore';
import { TestEditor } from '../test/testEditor';

const open: TestEditor[] = [];
async function editor(options: { readOnly?: boolean } = {}): Promise<TestEditor> {
  const e = await TestEditor.open(undefined, options);
  open.push(e);
  return e;
}

afterEach(async () => {
  for (const e of open.splice(0)) await e.close();
});

describe('the command list', () => {
  it('names each command, and each chord, once', () => {
    const ids = COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const labels = COMMANDS.map((c) => c.label);
    expect(new Set(labels).size).toBe(labels.length);
    const chords = COMMANDS.flatMap((c) => c.keys.map(formatChord));
    expect(new Set(chords).size).toBe(chords.length);
    // Each chord finds the command it belongs to (no earlier one shadows it).
    for (const c of COMMANDS) {
      for (const k of c.keys) expect(commandForKey({ key: k.key, shiftKey: !!k.shift, ctrlKey: !!k.mod })?.id).toBe(c.id);
    }
  });

  it('keeps the accessible names and tooltips the toolbar had', () => {
    expect(['newClaim', 'fitAll', 'zoomToThesis', 'autoLayout', 'linkAsOne', 'showShortcuts'].map((id) => command(id as never).label)).toEqual([
      'New claim',
      'Fit all',
      'Zoom to thesis',
      'Auto layout',
      'Link as one argument',
      'Show shortcuts',
    ]);
    expect(commandTitle(command('newClaim'), false, READ_ONLY_TITLE)).toBe('New claim (N)');
    expect(commandTitle(command('showShortcuts'), false, READ_ONLY_TITLE)).toBe('Keyboard shortcuts (?)');
    expect(commandTitle(command('newClaim'), true, READ_ONLY_TITLE)).toBe(READ_ONLY_TITLE);
    // A command that changes nothing keeps its tooltip on a read-only map.
    expect(commandTitle(command('fitAll'), true, READ_ONLY_TITLE)).toBe('Fit the whole map in view (F)');
  });

  it('gives the shortcuts dialog one row per command with keys, its keys as the list writes them', () => {
    for (const c of COMMANDS) {
      const row = SHORTCUTS.find(([, what]) => what === c.help);
      expect(row?.[0]).toBe(c.keys.map(formatChord).join(' / '));
    }
    expect(SHORTCUTS.some(([keys]) => keys === 'Shift+G')).toBe(true);
    expect(SHORTCUTS.some(([keys]) => keys === 'Ctrl+Z')).toBe(true);
  });

  it('matches keys as the graph did: a letter in either case, Shift only where it counts, no Alt', () => {
    expect(commandForKey({ key: 'n' })?.id).toBe('newClaim');
    expect(commandForKey({ key: 'N', shiftKey: true })?.id).toBe('newClaim');
    expect(commandForKey({ key: 'g' })?.id).toBe('linkAsOne');
    expect(commandForKey({ key: 'G', shiftKey: true })?.id).toBe('breakArgument');
    expect(commandForKey({ key: '?', shiftKey: true })?.id).toBe('showShortcuts');
    expect(commandForKey({ key: 'n', altKey: true })).toBeNull();
    expect(commandForKey({ key: 'n', ctrlKey: true })).toBeNull();
    expect(commandForKey({ key: 'z', ctrlKey: true })?.id).toBe('undo');
    expect(commandForKey({ key: 'Z', ctrlKey: true, shiftKey: true })?.id).toBe('redo');
    expect(commandForKey({ key: 'y', metaKey: true })?.id).toBe('redo');
    expect(commandForKey({ key: 'x' })).toBeNull();
  });
});

describe('commands through the test editor', () => {
  it('New claim adds a claim at the free spot, selects it, opens it fresh, as one undo step', async () => {
    const e = await editor();
    const before = Object.keys(e.doc.claims).length;
    expect(e.run('newClaim')).toBe('ran');
    const id = Object.keys(e.doc.claims).find((k) => k !== 'c_thesis' && k !== 'c_sub')!;
    expect(Object.keys(e.doc.claims)).toHaveLength(before + 1);
    expect(e.doc.layout[id]).toEqual({ x: 100, y: 100 });
    expect(e.selection).toEqual({ kind: 'claim', id });
    expect(e.view.editing).toEqual({ id, fresh: true });
    expect(e.calls).toContain('showAll');
    expect(e.history).toEqual(['New claim']);
    e.run('undo');
    await e.settle();
    expect(e.doc.claims[id]).toBeUndefined();
    e.run('redo');
    await e.settle();
    expect(e.doc.claims[id]).toBeDefined();
  });

  it('New claim does nothing without a view to place it in', async () => {
    const e = await editor();
    e.view.spot = null;
    e.press('n');
    expect(e.history).toEqual([]);
    expect(e.view.editing).toBeNull();
  });

  it('on a read-only map every editing command is refused with a status, the view commands run', async () => {
    const e = await editor({ readOnly: true });
    const before = e.doc;
    e.view.selectedLinks = ['l_1', 'l_3'];
    e.view.selectedItems = ['c_sub'];
    for (const c of COMMANDS.filter((c) => !c.readOnlyOk)) {
      e.status = '';
      expect(e.run(c.id, { node: 'c_sub' })).toBe('read-only');
      expect(e.status).toBe(`${READ_ONLY_TITLE}: nothing here can be changed.`);
    }
    expect(e.doc).toBe(before);
    expect(e.history).toEqual([]);
    expect(e.run('fitAll')).toBe('ran');
    expect(e.press('t')).toBe('ran');
    expect(e.press('/')).toBe('ran');
    expect(e.calls).toEqual(['fitAll', 'zoomToThesis', 'focusFind']);
  });

  it('Link as one argument asks for two links, then joins them; Shift+G on one breaks the argument', async () => {
    const e = await editor();
    e.view.selectedLinks = ['l_1'];
    e.press('g');
    expect(e.status).toMatch(/^Select two or more links/);
    expect(e.history).toEqual([]);

    e.view.selectedLinks = ['l_1', 'l_3'];
    e.run('linkAsOne');
    expect(e.status).toBe('Joined 2 links into one argument.');
    expect(e.doc.links['l_1']?.group).toBeDefined();
    expect(e.doc.links['l_3']?.group).toBe(e.doc.links['l_1']?.group);

    e.view.selectedLinks = [];
    e.press('G', { shiftKey: true }, { edge: 'l_3' });
    expect(e.status).toBe('Broke the argument into separate reasons.');
    expect(e.doc.links['l_1']?.group).toBeUndefined();
    expect(e.doc.links['l_3']?.group).toBeUndefined();
    expect(e.history).toEqual(['Link as one argument', 'Break argument']);
  });

  it('Link as one argument refuses links to different claims and says why', async () => {
    const e = await editor();
    e.view.selectedLinks = ['l_1', 'l_4'];
    e.run('linkAsOne');
    expect(e.status).toBe('Only reasons for the same conclusion can be joined.');
    expect(e.history).toEqual([]);
  });

  it('Break argument finds the argument of a focused junction, and says so when there is none', async () => {
    const e = await editor();
    e.press('G', { shiftKey: true }, { node: 'c_sub' });
    expect(e.status).toMatch(/^Focus or select a linked argument/);
    e.view.selectedLinks = ['l_1', 'l_3'];
    e.run('linkAsOne');
    e.view.selectedLinks = [];
    e.view.junctions = { 'j:arg': 'l_1' };
    e.run('breakArgument', { node: 'j:arg' });
    expect(e.doc.links['l_1']?.group).toBeUndefined();
  });

  it('Delete removes the focused node alone, or the selection it is part of, as one step', async () => {
    const e = await editor();
    e.view.selectedItems = ['q_2', 'l_2'];
    e.press('Delete', {}, { node: 'c_sub' });
    expect(e.doc.claims['c_sub']).toBeUndefined();
    // Its links go with it; the selection elsewhere stays.
    expect(e.doc.links['l_3']).toBeUndefined();
    expect(e.doc.quotes['q_2']).toBeDefined();
    expect(e.status).toBe('Deleted 1 item.');

    e.press('Backspace', {}, { node: 'q_2' });
    expect(e.doc.quotes['q_2']).toBeUndefined();
    expect(e.doc.links['l_2']).toBeUndefined();
    expect(e.status).toBe('Deleted 2 items.');
    expect(e.history).toEqual(['Delete', 'Delete']);
    expect(e.calls.filter((c) => c === 'refocus')).toHaveLength(2);
  });

  it('Delete skips a junction (drawn, not stored) and does nothing with nothing to delete', async () => {
    const e = await editor();
    e.view.junctions = { 'j:arg': 'l_1' };
    e.run('delete', { node: 'j:arg' });
    e.run('delete');
    expect(e.history).toEqual([]);
    expect(e.status).toBe('');
  });

  it('L starts a link from the focused node, U aims from it, Escape cancels', async () => {
    const e = await editor();
    e.press('l');
    expect(e.status).toMatch(/^Focus a node first/);
    e.press('l', {}, { node: 'c_sub' });
    expect(e.view.linkFrom).toBe('c_sub');
    e.press('u');
    expect(e.calls).toContain('aimAtLink c_sub');
    e.press('Escape');
    expect(e.view.linkFrom).toBeNull();
    expect(e.status).toBe('Link cancelled.');
    e.view.junctions = { 'j:arg': 'l_1' };
    e.press('u', {}, { node: 'j:arg' });
    expect(e.status).toMatch(/^Focus a claim or quote first/);
    expect(e.history).toEqual([]);
  });

  it('Auto layout is disabled while one runs; undo and redo while there is nothing to do', async () => {
    const e = await editor();
    e.view.layingOut = true;
    expect(e.press('a')).toBe('disabled');
    e.view.layingOut = false;
    expect(e.press('a')).toBe('ran');
    expect(e.calls).toEqual(['autoLayout']);
    expect(e.press('z', { ctrlKey: true })).toBe('disabled');
    expect(e.press('y', { ctrlKey: true })).toBe('disabled');
  });
});
