/**
 * Which files to read: workspace globs, or the files of downloaded artifacts
 * (from this run or another), which `results` then filters. Several
 * artifacts — matrix shards — become one evaluation set: ingest reads every
 * file into one accumulator, so shards add up per query.
 */
import * as core from '@actions/core';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadArtifacts } from '../artifacts/download.js';
import { readArtifactSettings } from '../artifacts/settings.js';
import { artifactSourceFiles } from '../artifacts/sources.js';
import type { Settings } from '../config/settings.js';
import { InputError } from '../ingest/format.js';
import type { SourceFile } from '../ingest/observation.js';
import { resolveGlobs } from '../ingest/resolve.js';

export async function sourceFiles(settings: Settings, workspace: string): Promise<SourceFile[]> {
  const artifacts = readArtifactSettings((name) => core.getInput(name), process.env);
  if (artifacts === null) {
    if (settings.results.length === 0) {
      throw new InputError('Input `results` is required: give one or more globs of result files, one per line (or `artifact-name` / `artifact-pattern` to read artifacts).');
    }
    return resolveGlobs(settings.results, workspace);
  }
  const destination = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'tailgate-artifacts-'));
  const { artifacts: downloaded } = await downloadArtifacts(artifacts, { destination });
  core.info(`tailgate: read ${downloaded.length} artifact(s): ${downloaded.map((a) => `${a.name} (${a.files} files)`).join(', ')}`);
  return artifactSourceFiles(downloaded, settings.results.length > 0 ? settings.results : undefined);
}
