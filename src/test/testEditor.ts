/**
 * A test editor: the open-map store over a throwaway IndexedDB (fake in
 * Node) plus the command list, with the graph's port played by a recording
 * fake. Tests drive commands by id (`run('newClaim')`) or by key
 * (`press('g', { shift: true })`), exactly as the toolbar and keyboard do
 * (through `runCommand`), and assert on the doc, the selection, the undo
 * history, the graph status and what the view was asked to do.
 */
import { createMapStore, type MapStore, type Selection } from '../store/mapStore';
import { openWarrantDB, type WarrantDB } from '../storage/db';
import { createMap } from '../storage/writes';
import { commandForKey, runCommand, type CommandEnv, type CommandId, type CommandTarget, type GraphPort } from '../commands/commands';
import type { KeyPress } from '../commands/keys';
import type { MapDoc } from '../domain/change';
import { smallDoc } from './factories';

/** A view call the graph port received, by name (e.g. `fitAll`, `aimAtLink c_sub`). */
export type ViewCall = string;

let counter = 0;

export class TestEditor {
  /** What the fake view holds: set these to stage a selection or a focus. */
  readonly view = {
    spot: { x: 100, y: 100 } as { x: number; y: number } | null,
    selectedLinks: [] as string[],
    selectedItems: [] as string[],
    /** Junction node id → its first link (a linked argument's meeting point). */
    junctions: {} as Record<string, string>,
    layingOut: false,
    linkFrom: null as string | null,
    editing: null as { id: string; fresh: boolean } | null,
  };
  readonly calls: ViewCall[] = [];
  status = '';
  readonly env: CommandEnv;

  private constructor(
    readonly store: MapStore,
    private readonly db: WarrantDB,
  ) {
    const v = this.view;
    const call = (name: string) => () => void this.calls.push(name);
    const graph: GraphPort = {
      newClaimSpot: () => v.spot,
      selectedLinks: () => [...v.selectedLinks],
      selectedItems: () => [...v.selectedItems],
      linkOf: (id) => v.junctions[id] ?? (id in (this.store.getState().doc?.links ?? {}) ? id : null),
      isJunction: (id) => id in v.junctions,
      fitAll: call('fitAll'),
      zoomToThesis: call('zoomToThesis'),
      autoLayout: call('autoLayout'),
      layingOut: () => v.layingOut,
      focusFind: call('focusFind'),
      showHelp: call('showHelp'),
      showAll: call('showAll'),
      editClaim: (id, fresh) => {
        v.editing = { id, fresh };
      },
      linkFrom: () => v.linkFrom,
      startKeyboardLink: (id) => {
        v.linkFrom = id;
        this.calls.push(`startKeyboardLink ${id}`);
      },
      cancelLink: () => {
        v.linkFrom = null;
      },
      aimAtLink: (id) => void this.calls.push(`aimAtLink ${id}`),
      refocus: call('refocus'),
      setStatus: (message) => {
        this.status = message;
      },
    };
    this.env = { store, graph };
  }

  /** An editor with `doc` (the small test map by default) stored and open. */
  static async open(doc: MapDoc = smallDoc(), options: { readOnly?: boolean } = {}): Promise<TestEditor> {
    const db = openWarrantDB(`test-editor-${++counter}-${Date.now()}`);
    await createMap(doc, db);
    const store = createMapStore({ db, channel: false });
    await store.getState().openMap(doc.map.id);
    if (options.readOnly) store.getState().setReadOnly(true);
    return new TestEditor(store, db);
  }

  get doc(): MapDoc {
    const d = this.store.getState().doc;
    if (!d) throw new Error('No map open');
    return d;
  }

  get selection(): Selection {
    return this.store.getState().selection;
  }

  /** The undo stack's labels, oldest first. */
  get history(): string[] {
    return this.store.getState().undoStack.map((e) => e.label);
  }

  get notices(): string[] {
    return this.store.getState().notices.map((n) => n.text);
  }

  /** Runs a command as its button does (no focus), or on `target`. */
  run(id: CommandId, target: Partial<CommandTarget> = {}): ReturnType<typeof runCommand> {
    return runCommand(this.env, id, { node: target.node ?? null, edge: target.edge ?? null });
  }

  /** Presses a key as the graph's keyboard would: the command it names runs, or nothing (null). */
  press(key: string, mods: Omit<KeyPress, 'key'> = {}, target: Partial<CommandTarget> = {}): ReturnType<typeof runCommand> | null {
    const c = commandForKey({ key, ...mods });
    return c ? this.run(c.id, target) : null;
  }

  /** Waits for every write to reach the database. */
  settle(): Promise<void> {
    return this.store.getState().whenSettled();
  }

  async close(): Promise<void> {
    await this.settle();
    this.store.getState().dispose();
    this.db.close();
    await this.db.delete();
  }
}
