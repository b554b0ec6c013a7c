/**
 * A loopback stand-in for GitHub's artifact backends, so tests run the REAL
 * @actions/artifact client (v6) end to end without network:
 *
 * - this run: the Twirp results service the client reaches at
 *   ACTIONS_RESULTS_URL (`POST /twirp/github.actions.results.api.v1.ArtifactService/{ListArtifacts,GetSignedArtifactURL}`,
 *   JSON with proto field names, int64 as strings), authenticated by
 *   `Bearer <ACTIONS_RUNTIME_TOKEN>`; the signed URL points back here.
 * - another run: the REST API at GITHUB_API_URL
 *   (`GET /repos/{o}/{r}/actions/runs/{run}/artifacts?per_page&page`, and
 *   `GET /repos/{o}/{r}/actions/artifacts/{id}/zip` answering 302 to a blob URL here),
 *   authenticated by `token <github-token>`.
 * - the blob store: `GET /blob/{this-run|other-run}/{id}?sig=…`, no auth.
 *
 * Every request is logged (route, URL, Authorization) and a route can be made
 * to fail with any status and body. Twirp error bodies must stay JSON: the
 * client treats an unparsable body as retryable and sleeps 3 s before retrying.
 * Likewise a failing blob download is retried 5 times, 5 s apart, and REST
 * listing 5xx is retried with back-off: tests inject 4xx there, never 5xx.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { zip } from '../../scripts/lib/zip-writer.mjs';

export type Route = 'ListArtifacts' | 'GetSignedArtifactURL' | 'rest-list' | 'rest-zip' | 'blob' | 'unknown';

export interface FakeArtifact {
  id: number;
  name: string;
  /** The stored bytes (a zip, or a raw file for an `archive: false` upload). */
  bytes: Buffer;
  /** Listed digest; default `sha256:` of `bytes`, `null` to list none. */
  digest?: string | null;
  /** Listed size; default `bytes.length`. */
  size?: number;
}

export interface Fault {
  status: number;
  body?: string;
  contentType?: string;
}

export interface LoggedRequest {
  route: Route;
  method: string;
  url: string;
  authorization?: string;
  body: string;
}

const TWIRP = '/twirp/github.actions.results.api.v1.ArtifactService/';

export class FakeArtifactService {
  readonly runBackendId = 'ce7f54c7-61c7-4aae-887f-30da475f5f1a';
  readonly jobBackendId = 'ca395085-040a-526b-2ce8-bdc85f692774';
  /** The github-token the REST endpoints accept. */
  readonly restToken = 'ghs_FakeRestToken0123456789abcdefABCDEF';
  thisRun: FakeArtifact[] = [];
  /** Keyed by `owner/repo/runId`. */
  readonly otherRuns = new Map<string, FakeArtifact[]>();
  readonly faults = new Map<Route, Fault>();
  readonly requests: LoggedRequest[] = [];

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<FakeArtifactService> {
    const server = http.createServer();
    const fake = new FakeArtifactService(server);
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    const address: AddressInfo | string | null = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('the fake artifact service is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  /** An unsigned JWT (`alg: none`) with the `scp` claim getBackendIdsFromToken parses: `Actions.Results:<run>:<job>`. */
  runtimeToken(): string {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const scp = `Actions.ExampleScope Actions.Results:${this.runBackendId}:${this.jobBackendId}`;
    return `${part({ alg: 'none', typ: 'JWT' })}.${part({ scp })}.`;
  }

  /** What a runner gives an action step, pointed at this fake. */
  env(): Record<string, string> {
    return {
      ACTIONS_RUNTIME_TOKEN: this.runtimeToken(),
      ACTIONS_RESULTS_URL: `${this.url}/`,
      GITHUB_API_URL: this.url,
      GITHUB_SERVER_URL: 'https://github.com', // isGhes() must be false
    };
  }

  setOtherRun(owner: string, repo: string, runId: number, artifacts: FakeArtifact[]): void {
    this.otherRuns.set(`${owner}/${repo}/${runId}`, artifacts);
  }

  reset(): void {
    this.thisRun = [];
    this.otherRuns.clear();
    this.faults.clear();
    this.requests.length = 0;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve, reject) => this.server.close((err) => (err ? reject(err) : resolve())));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const route = routeOf(req.method ?? 'GET', url.pathname);
    this.requests.push({ route, method: req.method ?? '', url: url.pathname + url.search, authorization: req.headers.authorization, body });
    const fault = this.faults.get(route);
    if (fault) return send(res, fault.status, fault.body ?? '{}', fault.contentType ?? 'application/json');
    switch (route) {
      case 'ListArtifacts':
      case 'GetSignedArtifactURL':
        return this.twirp(route, req, res, body);
      case 'rest-list':
      case 'rest-zip':
        return this.rest(route, req, res, url);
      case 'blob':
        return this.blob(res, url);
      default:
        return send(res, 404, JSON.stringify({ message: 'Not Found' }), 'application/json');
    }
  }

  private twirp(route: Route, req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    if (req.headers.authorization !== `Bearer ${this.runtimeToken()}`) {
      return json(res, 401, { code: 'unauthenticated', msg: 'invalid runtime token' });
    }
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return json(res, 400, { code: 'malformed', msg: 'body is not an object' });
    const request = new Map(Object.entries(parsed));
    const ours = request.get('workflow_run_backend_id') === this.runBackendId;
    if (route === 'ListArtifacts') {
      const found = (ours ? this.thisRun : []).filter(
        (a) =>
          (!request.has('name_filter') || request.get('name_filter') === a.name) &&
          (!request.has('id_filter') || request.get('id_filter') === String(a.id)),
      );
      return json(res, 200, {
        artifacts: found.map((a) => ({
          workflow_run_backend_id: this.runBackendId,
          workflow_job_run_backend_id: this.jobBackendId,
          database_id: String(a.id),
          name: a.name,
          size: String(a.size ?? a.bytes.length),
          created_at: '2026-03-02T10:00:00Z',
          ...(digestOf(a) === undefined ? {} : { digest: digestOf(a) }),
        })),
      });
    }
    const artifact = ours ? this.thisRun.find((a) => a.name === request.get('name')) : undefined;
    if (!artifact) return json(res, 404, { code: 'not_found', msg: 'artifact not found' });
    return json(res, 200, { signed_url: `${this.url}/blob/this-run/${artifact.id}?sig=FakeSignature` });
  }

  private rest(route: Route, req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    if (req.headers.authorization !== `token ${this.restToken}`) return json(res, 401, { message: 'Bad credentials' });
    const parts = url.pathname.split('/'); // ['', 'repos', owner, repo, 'actions', ...]
    const [owner, repo] = [parts[2], parts[3]];
    if (route === 'rest-zip') {
      const id = Number(parts[6]);
      const artifact = this.allOf(owner, repo).find((a) => a.id === id);
      if (!artifact) return json(res, 404, { message: 'Not Found' });
      res.writeHead(302, { location: `${this.url}/blob/other-run/${id}?sig=FakeSignature` }).end();
      return;
    }
    const artifacts = this.otherRuns.get(`${owner}/${repo}/${parts[6]}`);
    if (!artifacts) return json(res, 404, { message: 'Not Found' });
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const name = url.searchParams.get('name');
    const all = artifacts.filter((a) => name === null || a.name === name);
    return json(res, 200, {
      total_count: all.length,
      artifacts: all.slice((page - 1) * perPage, page * perPage).map((a) => ({
        id: a.id,
        name: a.name,
        size_in_bytes: a.size ?? a.bytes.length,
        created_at: '2026-03-02T10:00:00Z',
        expired: false,
        digest: digestOf(a) ?? null,
      })),
    });
  }

  private blob(res: http.ServerResponse, url: URL): void {
    const [, , kind, idText] = url.pathname.split('/');
    const id = Number(idText);
    const pool = kind === 'this-run' ? this.thisRun : [...this.otherRuns.values()].flat();
    const artifact = pool.find((a) => a.id === id);
    if (!artifact) return send(res, 404, 'BlobNotFound', 'text/plain');
    const isZip = artifact.bytes.subarray(0, 2).toString('latin1') === 'PK';
    res.writeHead(200, {
      'content-type': isZip ? 'application/zip' : 'application/octet-stream',
      'content-length': artifact.bytes.length,
      // A header cannot carry control characters; a hostile artifact name gets them replaced, as a server must.
      'content-disposition': `attachment; filename=${(isZip ? `${artifact.name}.zip` : artifact.name).replace(/[^\x20-\x7e]/g, '_')}`,
    });
    res.end(artifact.bytes);
  }

  private allOf(owner: string, repo: string): FakeArtifact[] {
    return [...this.otherRuns].filter(([key]) => key.startsWith(`${owner}/${repo}/`)).flatMap(([, list]) => list);
  }
}

function routeOf(method: string, pathname: string): Route {
  if (method === 'POST' && pathname === `${TWIRP}ListArtifacts`) return 'ListArtifacts';
  if (method === 'POST' && pathname === `${TWIRP}GetSignedArtifactURL`) return 'GetSignedArtifactURL';
  if (method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/actions\/runs\/\d+\/artifacts$/.test(pathname)) return 'rest-list';
  if (method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/actions\/artifacts\/\d+\/zip$/.test(pathname)) return 'rest-zip';
  if (method === 'GET' && pathname.startsWith('/blob/')) return 'blob';
  return 'unknown';
}

function digestOf(a: FakeArtifact): string | undefined {
  if (a.digest === null) return undefined;
  return a.digest ?? `sha256:${createHash('sha256').update(a.bytes).digest('hex')}`;
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  send(res, status, JSON.stringify(body), 'application/json');
}

function send(res: http.ServerResponse, status: number, body: string, contentType: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) }).end(body);
}

/**
 * A zip of stored (method 0) entries, by the scripts' zip writer: its own
 * CRC-32, not src's, so the reader under test never checks data with the code
 * that wrote it. Names are written as given (no normalisation), so tests can
 * build hostile ones.
 */
export function zipStored(entries: { name: string; data: string | Buffer }[]): Buffer {
  return zip(entries.map((e) => ({ ...e, method: 0 })));
}
