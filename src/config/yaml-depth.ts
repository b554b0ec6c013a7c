import { Parser, type CST } from 'yaml';
import { LIMITS } from '../domain/limits.js';

/**
 * The offset of the first collection in `text` nested deeper than
 * LIMITS.maxNestingDepth, or undefined. The yaml package builds documents
 * recursively and overflows the stack on `[[[[…` thousands deep; its
 * concrete syntax tree is built without recursion, so the depth is measured
 * on that tree first, with an explicit stack, before the document is built.
 */
export function tooDeepAt(text: string): number | undefined {
  const work: Array<{ token: CST.Token | undefined; depth: number }> = [];
  for (const token of new Parser().parse(text)) work.push({ token, depth: 0 });
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    const { token, depth } = item;
    if (token === undefined) continue;
    if (token.type === 'document') {
      work.push({ token: token.value, depth });
      continue;
    }
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth >= LIMITS.maxNestingDepth) return token.offset;
    for (const entry of token.items) {
      work.push({ token: entry.key ?? undefined, depth: depth + 1 });
      work.push({ token: entry.value, depth: depth + 1 });
    }
  }
  return undefined;
}
