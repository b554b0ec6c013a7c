/**
 * A loopback fake of the four GitHub endpoints the history uses (contents GET
 * and PUT, git ref GET, git refs POST), holding branches and files in the
 * server. Every request body and every answer is checked against GitHub's
 * OpenAPI description (helpers/openapi.ts); what does not conform is listed in
 * `violations`, which a test expects to be empty.
 *
 * GitHub's rules it keeps: a PUT must name the sha of the version it replaces
 * (409 when it names an older one, 422 when it names none for an existing
 * file); a ref that exists cannot be created again (422).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { operation, problems } from './openapi.js';

export interface FakeContents {
  url: string;
  branches: Map<string, string>;
  /** `branch:path` → text and blob sha. */
  files: Map<string, { text: string; sha: string }>;
  /** Method and path of every request, in order. */
  log: string[];
  violations: string[];
  /** Answer the next N contents reads together once N are waiting, so N writers read the same version. */
  holdReads(count: number): void;
  close(): Promise<void>;
}

const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

export async function startFakeContents(opts: { branches?: Record<string, string> } = {}): Promise<FakeContents> {
  const branches = new Map(Object.entries(opts.branches ?? { main: 'a'.repeat(40) }));
  const files = new Map<string, { text: string; sha: string }>();
  const log: string[] = [];
  const violations: string[] = [];
  let held: (() => void)[] = [];
  let toHold = 0;
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      violations.push(`fake failed: ${String(error)}`);
      res.statusCode = 500;
      res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body: unknown = chunks.length === 0 ? undefined : JSON.parse(Buffer.concat(chunks).toString('utf8'));
    log.push(`${req.method} ${decodeURIComponent(url.pathname)}`);
    const send = (opId: string, status: number, data: unknown): void => {
      const schema = operation(opId).responses[String(status)];
      if (schema === undefined) violations.push(`${opId}: status ${status} is not in the description`);
      else if (schema !== null) violations.push(...problems(schema, data).map((p) => `${opId} ${status} answer ${p}`));
      res.statusCode = status;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(data));
    };
    const checkBody = (opId: string): void => {
      const schema = operation(opId).requestBody;
      if (schema !== undefined) violations.push(...problems(schema, body).map((p) => `${opId} request ${p}`));
    };
    const base = `http://127.0.0.1/repos/o/r`;
    // Octokit encodes the slash of `heads/<branch>` in the ref parameter.
    const pathname = decodeURIComponent(url.pathname);
    const contents = /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/.exec(pathname);
    const ref = /^\/repos\/([^/]+)\/([^/]+)\/git\/ref\/heads\/(.+)$/.exec(pathname);
    if (contents !== null && req.method === 'GET') {
      if (toHold > 0) {
        toHold -= 1;
        await new Promise<void>((resolve) => {
          held.push(resolve);
          if (toHold === 0) {
            for (const release of held) release();
            held = [];
          }
        });
      }
      const path = decodeURIComponent(contents[3]);
      const branch = url.searchParams.get('ref') ?? 'main';
      const file = branches.has(branch) ? files.get(`${branch}:${path}`) : undefined;
      if (file === undefined)
        return send('repos/get-content', 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
      const link = `${base}/contents/${path}`;
      return send('repos/get-content', 200, {
        type: 'file',
        encoding: 'base64',
        size: Buffer.byteLength(file.text),
        name: path,
        path,
        // GitHub wraps the base64 at 60 characters.
        content: (
          Buffer.from(file.text)
            .toString('base64')
            .match(/.{1,60}/g) ?? []
        ).join('\n'),
        sha: file.sha,
        url: link,
        git_url: link,
        html_url: link,
        download_url: link,
        _links: { git: link, html: link, self: link },
      });
    }
    if (contents !== null && req.method === 'PUT') {
      checkBody('repos/create-or-update-file-contents');
      const b = body as { content: string; sha?: string; branch?: string; message: string };
      const path = decodeURIComponent(contents[3]);
      const branch = b.branch ?? 'main';
      if (!branches.has(branch)) return send('repos/create-or-update-file-contents', 404, { message: 'Branch not found' });
      const key = `${branch}:${path}`;
      const current = files.get(key);
      if (current !== undefined && b.sha === undefined)
        return send('repos/create-or-update-file-contents', 422, { message: 'Invalid request.\n\n"sha" wasn\'t supplied.' });
      if ((current?.sha ?? null) !== (b.sha ?? null))
        return send('repos/create-or-update-file-contents', 409, { message: `${path} does not match ${b.sha ?? ''}` });
      const text = Buffer.from(b.content, 'base64').toString('utf8');
      const next = { text, sha: sha1(`blob ${text}`) };
      files.set(key, next);
      const commit = sha1(`${key}:${next.sha}`);
      branches.set(branch, commit);
      return send('repos/create-or-update-file-contents', current === undefined ? 201 : 200, {
        content: { name: path, path, sha: next.sha },
        commit: { sha: commit, message: b.message },
      });
    }
    if (ref !== null && req.method === 'GET') {
      const head = branches.get(decodeURIComponent(ref[3]));
      if (head === undefined) return send('git/get-ref', 404, { message: 'Not Found' });
      return send('git/get-ref', 200, {
        ref: `refs/heads/${ref[3]}`,
        node_id: 'REF_1',
        url: `${base}/git/refs/heads/${ref[3]}`,
        object: { type: 'commit', sha: head, url: `${base}/git/commits/${head}` },
      });
    }
    if (/^\/repos\/[^/]+\/[^/]+\/git\/refs$/.test(url.pathname) && req.method === 'POST') {
      checkBody('git/create-ref');
      const b = body as { ref: string; sha: string };
      const name = b.ref.replace(/^refs\/heads\//, '');
      if (branches.has(name)) return send('git/create-ref', 422, { message: 'Reference already exists' });
      branches.set(name, b.sha);
      return send('git/create-ref', 201, {
        ref: b.ref,
        node_id: 'REF_2',
        url: `${base}/git/${b.ref}`,
        object: { type: 'commit', sha: b.sha, url: `${base}/git/commits/${b.sha}` },
      });
    }
    violations.push(`unexpected request ${req.method ?? ''} ${url.pathname}`);
    res.statusCode = 404;
    res.end('{}');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    branches,
    files,
    log,
    violations,
    holdReads: (count) => {
      toHold = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
