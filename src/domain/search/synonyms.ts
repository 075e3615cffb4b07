/**
 * A small general English thesaurus for the evidence finder: a claim is
 * written in the analyst's words, the passage that bears on it in the
 * author's. Groups are of common words of argument and reporting, not of
 * any one map; each word expands to the others at a lower weight.
 */
import { stem } from './text';

const GROUPS: readonly string[] = [
  'reduce cut decrease lower shrink curb curtail trim diminish scale',
  'increase rise grow expand boost raise escalate intensify',
  'meet meeting summit talks visit trip travel tour',
  'abroad overseas foreign international',
  'setback failure problem difficulty obstacle reversal',
  'return gain benefit payoff reward result',
  'ally alliance partner partnership coalition bloc alignment',
  'equal equals parity peer',
  'depend dependent dependence reliance rely reliant',
  'threat risk danger hazard menace',
  'influence sway leverage',
  'norm rule standard principle',
  'lead leader leadership head spearhead champion',
  'reform change overhaul reshape transform restructure',
  'goal ambition aim objective aspiration',
  'mediate mediation mediator broker peace negotiate negotiation',
  'country nation state',
  'government administration regime authorities',
  'war conflict fighting hostilities',
  'say state claim argue assert contend',
  'show display demonstrate stage signal',
  'oppose resist counter confront against',
  'support back endorse favour favor',
  'weak weaken fragile decline',
  'strong strengthen powerful robust',
  'secure security safety defense defence defensive protect',
  'attack offensive assertive aggressive',
  'economy economic trade commerce',
  'military army armed defense troops',
  'agreement deal treaty accord pact',
  'cooperate cooperation collaborate collaboration',
  'tension friction rivalry dispute',
  'unite unity united solidarity',
  'global world worldwide international',
  'internet cyber cyberspace online digital',
  'spy intelligence espionage',
  'western west',
  'cautious caution careful wary',
  'abandon drop give retreat withdraw',
  'keep maintain retain preserve sustain',
  'present portray cast depict',
];

/** Stem → the stems of its synonyms (not itself). */
const BY_STEM: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, Set<string>>();
  for (const g of GROUPS) {
    const stems = [...new Set(g.split(' ').map(stem))];
    for (const s of stems) {
      let set = map.get(s);
      if (!set) map.set(s, (set = new Set()));
      for (const t of stems) if (t !== s) set.add(t);
    }
  }
  return new Map([...map].map(([k, v]) => [k, [...v]]));
})();

/** Stems meaning about the same as the stem `s`. */
export function synonymsOf(s: string): readonly string[] {
  return BY_STEM.get(s) ?? [];
}
