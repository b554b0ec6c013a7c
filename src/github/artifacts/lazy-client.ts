/**
 * The artifact client of {@link actionsArtifactClient}, loaded on its first call.
 * `@actions/artifact` (with the Azure blob SDK under it) is the largest part of
 * the bundle, and most runs read workspace files only: importing it at start
 * would cost every run its load time (docs/performance.md).
 */
import { registerSecret } from '../../report/redact.js';
import type { ArtifactClientOptions } from './client.js';
import type { ArtifactClientPort } from './port.js';

export function lazyArtifactClient(options: ArtifactClientOptions): ArtifactClientPort {
  // Registered now, as the eager client does: a message built before the first call is redacted too.
  for (const secret of [options.token, options.env.ACTIONS_RUNTIME_TOKEN]) registerSecret(secret);
  let client: Promise<ArtifactClientPort> | undefined;
  const load = (): Promise<ArtifactClientPort> =>
    (client ??= import('./client.js').then(({ actionsArtifactClient }) => actionsArtifactClient(options)));
  return {
    list: async (scope) => (await load()).list(scope),
    download: async (artifact, scope, directory) => (await load()).download(artifact, scope, directory),
  };
}
