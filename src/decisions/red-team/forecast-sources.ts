/**
 * The red-team comparison from the policy's `red-team` section: ingest each
 * source's result files, then rank the sources (forecast/source-choice.ts).
 * Shared by the pipeline (report section, `best-source` output) and the CLI
 * (`tailgate compare`). I/O is limited to reading the sources' files.
 */
import type { RedTeamPolicy, Settings } from '../../config/settings.js';
import type { RuleBook } from '../../domain/rules.js';
import { chooseSource, type SourceSamples } from './choose-source.js';
import { InputError } from '../../domain/errors.js';
import { ingestFiles } from '../../ingest/ingest.js';
import type { WorkspaceFiles } from '../../domain/byte-source.js';
import type { RedTeamResult } from '../../domain/red-team.js';

export type RedTeamSettings = Pick<Settings, 'format' | 'mapping' | 'confidence'>;

/**
 * `resolve` finds each source's files by its globs, under the workspace rule
 * (sources/workspace-files.ts in a run). The readers'
 * warnings (temperature 0, cached responses, …) come back beside the ranking,
 * each naming its source, so the caller shows them with its own warnings.
 */
export async function forecastRedTeam(
  policy: RedTeamPolicy,
  settings: RedTeamSettings,
  rules: RuleBook,
  resolve: WorkspaceFiles['resolve'],
): Promise<{ result: RedTeamResult; warnings: string[] }> {
  const sources: SourceSamples[] = [];
  const warnings: string[] = [];
  for (const source of policy.sources) {
    const where = `red-team source ${JSON.stringify(source.name)}`;
    try {
      const files = await resolve(source.results);
      const ingest = await ingestFiles(files, { format: source.format ?? settings.format, mapping: settings.mapping });
      sources.push({ name: source.name, costPerQuery: source.costPerQuery, samples: ingest.samples });
      warnings.push(...ingest.warnings.map((w) => `${where}: ${w}`));
    } catch (err) {
      // Name the source: the same glob or format error reads very differently for `results` and for a red-team source.
      if (err instanceof InputError) throw new InputError(`${where}: ${err.message}`);
      throw err;
    }
  }
  const result = chooseSource(sources, {
    budget: policy.budget,
    behavior: policy.behavior,
    confidence: settings.confidence,
    options: (behavior, n) => ({ ...rules.rulesFor(behavior).forecast, deploymentVolume: n, backtestSplits: 0 }),
  });
  return { result, warnings };
}
