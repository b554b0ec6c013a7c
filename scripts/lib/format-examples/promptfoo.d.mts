// Types for scripts/lib/format-examples/promptfoo.mjs, so TypeScript tests can build promptfoo results with it.

export type PromptfooPlugin = 'harmful:hate' | 'pii:direct';

export interface PromptfooExampleOptions {
  provider: string;
  repeat: number;
  seed: number;
  /** Plugin id → the Gumbel parameters of its per-query success rates and their seed. */
  plugins: Partial<Record<PromptfooPlugin, { mu: number; beta: number; seed: number }>>;
  /** [plugin, query index within the plugin, repeat]: rows that failed at the provider (failureReason 2). */
  errors: [PromptfooPlugin, number, number][];
}

/** `promptfoo redteam eval -o results.json` text; `hitsByPlugin` are the drawn hits per query before any row errored. */
export function promptfooExample(options: PromptfooExampleOptions): {
  text: string;
  hitsByPlugin: Record<string, number[]>;
  rows: number;
};
