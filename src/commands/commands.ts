/**
 * The graph's commands, each defined once: its label, its keys, whether it
 * works on a read-only map, when it is enabled and what it does. The
 * toolbar, the More menu, the keyboard, the shortcuts dialog and the
 * read-only refusals all read this list, so no label, key or read-only rule
 * is typed twice (docs/adr/0003-command-list.md).
 *
 * Plain TypeScript: a command acts through a `CommandEnv` — the open-map
 * store plus a narrow port onto the graph's view (React Flow, the in-place
 * editor, the find box). The app wires the port to the canvas; the unit
 * tests wire it to a recording fake (src/test/testEditor.ts), so every
 * command runs without a browser.
 */
import type { MapStore } from '../store/mapStore';
import type { MapDoc } from '../domain/change';
import { breakArguments, groupLinks, newClaim } from '../domain/edits';
import { isLinkId, isQuoteId } from '../domain/schema';
import { plural } from '../domain/vocabulary';
import { READ_ONLY_TITLE } from '../store/useMapStore';
import { chordMatches, formatChord, type KeyChord, type KeyPress } from './keys';

/** What the graph's view offers commands: everything React Flow or the DOM knows. */
export type GraphPort = {
  /** Where a new claim goes: a free spot at the centre of the view (flow coordinates), or null when there is no view. */
  newClaimSpot(): { x: number; y: number } | null;
  /** The link ids of the selected edges (a junction's arrow stands for its argument's first link). */
  selectedLinks(): string[];
  /** The ids of the selected nodes and edges that are shown. */
  selectedItems(): string[];
  /** The link a node or edge id stands for: an edge's link, a junction's first link; null for a claim or quote. */
  linkOf(id: string): string | null;
  /** True when `id` is a junction (a linked argument's meeting point), which no link starts from. */
  isJunction(id: string): boolean;
  fitAll(): void;
  zoomToThesis(): void;
  autoLayout(): void;
  /** True while an auto layout runs. */
  layingOut(): boolean;
  focusFind(): void;
  showHelp(): void;
  /** Leaves focus mode, so that a new claim is seen. */
  showAll(): void;
  /** Opens a claim's text in the in-place editor (`fresh`: just made, Escape takes it away). */
  editClaim(id: string, fresh: boolean): void;
  /** The node a keyboard link starts from, or null. */
  linkFrom(): string | null;
  startKeyboardLink(id: string): void;
  cancelLink(): void;
  /** Opens the `Aim at a link` dialog for a link from `id`. */
  aimAtLink(id: string): void;
  /** Keeps the keyboard inside the graph once the focused element is gone. */
  refocus(): void;
  setStatus(message: string, sticky?: boolean): void;
};

export type CommandEnv = { store: MapStore; graph: GraphPort };

/** What a command runs on: the node or edge the keyboard focus is on (both null from a button). */
export type CommandTarget = { node: string | null; edge: string | null };

const NO_TARGET: CommandTarget = { node: null, edge: null };

export type Command = {
  id: CommandId;
  /** The button's or menu item's text: its accessible name. */
  label: string;
  /** The keys that run it from the graph (none: only from its button). */
  keys: readonly KeyChord[];
  /** What the shortcuts dialog says it does. */
  help: string;
  /** The tooltip of its button, before the keys. */
  title: string;
  /** True when it changes nothing stored, so a review link (read-only map) keeps it. */
  readOnlyOk: boolean;
  /** False while it cannot run (its button is disabled); absent: always. */
  enabled?(env: CommandEnv): boolean;
  run(env: CommandEnv, target: CommandTarget): void;
};

const doc = (env: CommandEnv): MapDoc | null => env.store.getState().doc;

/** Every link of the linked arguments `ids` belong to, and `ids` themselves. */
function withCoPremises(d: MapDoc, ids: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const id of ids) {
    const l = d.links[id];
    if (!l) continue;
    out.add(id);
    if (l.group === undefined) continue;
    for (const m of Object.values(d.links)) if (m.group === l.group && m.to === l.to && m.relation === l.relation) out.add(m.id);
  }
  return out;
}

const COMMAND_LIST = [
  {
    id: 'delete',
    label: 'Delete',
    keys: [{ key: 'Delete' }, { key: 'Backspace' }],
    help: 'Delete the focused node (or the selection, when the focus is not on a node)',
    title: 'Delete the focused node or the selection',
    readOnlyOk: false,
    /**
     * Deletes as one change: the focused node or link — with the rest of the
     * selection when it is part of it — or, with nothing focused, the selection.
     */
    run(env, { node, edge }) {
      const focused = node ?? edge;
      const claims: string[] = [];
      const quotes: string[] = [];
      const links: string[] = [];
      // A junction and its arrow are drawn, not stored: deleting its links takes them away.
      const add = (id: string) => {
        if (env.graph.isJunction(id)) return;
        (isLinkId(id) ? links : isQuoteId(id) ? quotes : claims).push(id);
      };
      const selected = env.graph.selectedItems();
      if (focused && !selected.includes(focused)) add(focused);
      else selected.forEach(add);
      const n = claims.length + quotes.length + links.length;
      if (!n) return;
      void env.store.getState().remove({ claims, quotes, links }, 'Delete');
      env.graph.setStatus(`Deleted ${plural(n, 'item')}.`);
      env.graph.refocus();
    },
  },
  {
    id: 'newClaim',
    label: 'New claim',
    keys: [{ key: 'n' }],
    help: 'New claim at the centre of the view',
    title: 'New claim',
    readOnlyOk: false,
    run(env) {
      const position = env.graph.newClaimSpot();
      if (!position || !doc(env)) return;
      let id = '';
      env.graph.showAll();
      void env.store.getState().edit(
        (d) => {
          const r = newClaim(d, { position });
          id = r.id;
          return r.change;
        },
        { label: 'New claim' },
      );
      if (!id) return;
      env.store.getState().select({ kind: 'claim', id });
      env.graph.editClaim(id, true);
    },
  },
  {
    id: 'startLink',
    label: 'Start a link',
    keys: [{ key: 'l' }],
    help: 'Start a link from the focused node; move to a claim (or Tab to a link), Enter, then choose Supports or Contradicts',
    title: 'Start a link from the focused node',
    readOnlyOk: false,
    run(env, { node }) {
      if (node) env.graph.startKeyboardLink(node);
      else env.graph.setStatus('Focus a node first (Tab), then press L to link from it.');
    },
  },
  {
    id: 'aimAtLink',
    label: 'Aim at a link',
    keys: [{ key: 'u' }],
    help: 'Aim a link from the focused node at a link: pick it in a list, then Supports backs it, Contradicts undercuts it',
    title: 'Aim a link from the focused node at a link',
    readOnlyOk: false,
    run(env, { node }) {
      const from = env.graph.linkFrom() ?? node;
      if (from && !env.graph.isJunction(from)) env.graph.aimAtLink(from);
      else env.graph.setStatus('Focus a claim or quote first (Tab), then press U to aim a link from it at a link.');
    },
  },
  {
    id: 'cancelLink',
    label: 'Cancel link',
    keys: [{ key: 'Escape' }],
    help: 'Cancel a link or the relation chooser',
    title: 'Cancel the link being made',
    readOnlyOk: true,
    run(env) {
      if (!env.graph.linkFrom()) return;
      env.graph.cancelLink();
      env.graph.setStatus('Link cancelled.');
    },
  },
  {
    id: 'fitAll',
    label: 'Fit all',
    keys: [{ key: 'f' }],
    help: 'Fit the whole graph in view',
    title: 'Fit the whole map in view',
    readOnlyOk: true,
    run: (env) => env.graph.fitAll(),
  },
  {
    id: 'zoomToThesis',
    label: 'Zoom to thesis',
    keys: [{ key: 't' }],
    help: 'Zoom to the thesis and its direct reasons',
    title: 'The thesis and its direct reasons, readable',
    readOnlyOk: true,
    run: (env) => env.graph.zoomToThesis(),
  },
  {
    id: 'autoLayout',
    label: 'Auto layout',
    keys: [{ key: 'a' }],
    help: 'Auto layout',
    title: 'Auto layout',
    readOnlyOk: false,
    enabled: (env) => !env.graph.layingOut(),
    run: (env) => env.graph.autoLayout(),
  },
  {
    id: 'linkAsOne',
    label: 'Link as one argument',
    keys: [{ key: 'g', shift: false }],
    help: 'Link as one argument: join the selected links to one claim (Shift+click or Shift+Space to select them)',
    title: 'Join the selected links to one claim into one linked argument',
    readOnlyOk: false,
    run(env) {
      const current = doc(env);
      if (!current) return;
      const ids = [...withCoPremises(current, env.graph.selectedLinks())];
      if (ids.length < 2) {
        env.graph.setStatus('Select two or more links to the same claim (Shift+click, or Shift+Space on each), then Link as one argument.');
        return;
      }
      const tried = groupLinks(current, ids);
      if (!tried.ok) {
        env.graph.setStatus(tried.reason);
        return;
      }
      void env.store.getState().edit(
        (d) => {
          const r = groupLinks(d, ids);
          return r.ok ? r.change : null;
        },
        { label: 'Link as one argument' },
      );
      env.graph.setStatus(`Joined ${ids.length} links into one argument.`);
    },
  },
  {
    id: 'breakArgument',
    label: 'Break argument',
    keys: [{ key: 'g', shift: true }],
    help: 'Break the focused or selected linked argument into separate reasons',
    title: 'Break the focused or selected linked argument into separate reasons',
    readOnlyOk: false,
    /**
     * The arguments of the selected links, of the link selected in Details (a
     * click on a junction selects its first link) and of the focused junction
     * or edge, broken into separate reasons.
     */
    run(env, { node, edge }) {
      const current = doc(env);
      if (!current) return;
      const focused = node ?? edge;
      const ids = env.graph.selectedLinks();
      const selection = env.store.getState().selection;
      if (selection?.kind === 'link') ids.push(selection.id);
      const focusedLink = focused ? env.graph.linkOf(focused) : null;
      if (focusedLink) ids.push(focusedLink);
      const count = new Set(
        ids.flatMap((id) => {
          const l = current.links[id];
          return l?.group !== undefined ? [`${l.to} ${l.relation} ${l.group}`] : [];
        }),
      ).size;
      if (!count) {
        env.graph.setStatus('Focus or select a linked argument (its junction or one of its links), then press Shift+G to break it apart.');
        return;
      }
      void env.store.getState().edit((d) => breakArguments(d, ids), { label: 'Break argument' });
      env.graph.setStatus(count === 1 ? 'Broke the argument into separate reasons.' : `Broke ${count} arguments into separate reasons.`);
    },
  },
  {
    id: 'find',
    label: 'Find in graph',
    keys: [{ key: '/' }],
    help: 'Find in graph (Enter goes to the next match)',
    title: 'Find in graph',
    readOnlyOk: true,
    run: (env) => env.graph.focusFind(),
  },
  {
    id: 'showShortcuts',
    label: 'Show shortcuts',
    keys: [{ key: '?' }],
    help: 'Show these shortcuts',
    title: 'Keyboard shortcuts',
    readOnlyOk: true,
    run: (env) => env.graph.showHelp(),
  },
  {
    id: 'undo',
    label: 'Undo',
    keys: [{ key: 'z', mod: true, shift: false }],
    help: 'Undo',
    title: 'Undo',
    readOnlyOk: false,
    enabled: (env) => env.store.getState().undoStack.length > 0,
    run: (env) => void env.store.getState().undo(),
  },
  {
    id: 'redo',
    label: 'Redo',
    keys: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
    help: 'Redo',
    title: 'Redo',
    readOnlyOk: false,
    enabled: (env) => env.store.getState().redoStack.length > 0,
    run: (env) => void env.store.getState().redo(),
  },
] as const satisfies readonly (Omit<Command, 'id'> & { id: string })[];

export type CommandId = (typeof COMMAND_LIST)[number]['id'];

/** Every command, in the order the shortcuts dialog lists them. */
export const COMMANDS: readonly Command[] = COMMAND_LIST;

const BY_ID = new Map<CommandId, Command>(COMMANDS.map((c) => [c.id, c]));

export function command(id: CommandId): Command {
  const c = BY_ID.get(id);
  // The id type admits only listed ids: reaching this is a bug in the list.
  if (!c) throw new Error(`No command ${id}`);
  return c;
}

/** The tooltip of a command's button: its title and keys, or why it is off on a read-only map. */
export function commandTitle(c: Command, readOnly: boolean, readOnlyTitle: string): string {
  if (readOnly && !c.readOnlyOk) return readOnlyTitle;
  return c.keys.length ? `${c.title} (${c.keys.map(formatChord).join(' / ')})` : c.title;
}

/** Why a command does not run now, or null when it does. */
export function refusal(c: Command, env: CommandEnv): 'read-only' | 'disabled' | null {
  if (env.store.getState().readOnly && !c.readOnlyOk) return 'read-only';
  if (c.enabled && !c.enabled(env)) return 'disabled';
  return null;
}

/** The command a key press runs, or null. */
export function commandForKey(e: KeyPress, commands: readonly Command[] = COMMANDS): Command | null {
  return commands.find((c) => c.keys.some((k) => chordMatches(k, e))) ?? null;
}

/**
 * Runs a command the one way the toolbar, the menu and the keyboard all do:
 * on a read-only map one that edits is refused with a status, one that is
 * disabled does nothing. Returns what happened.
 */
export function runCommand(env: CommandEnv, id: CommandId, target: CommandTarget = NO_TARGET): 'ran' | 'read-only' | 'disabled' {
  const c = command(id);
  const why = refusal(c, env);
  if (why === 'read-only') env.graph.setStatus(`${READ_ONLY_TITLE}: nothing here can be changed.`);
  if (why) return why;
  c.run(env, target);
  return 'ran';
}
