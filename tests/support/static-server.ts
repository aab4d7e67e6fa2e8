/** A loopback HTTP server for tests: maps path prefixes to folders, plus one-off routes. */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join, normalize } from 'node:path';

export interface Route {
  status?: number;
  contentType?: string;
  body: string | Uint8Array;
}

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves `mounts` (URL path prefix → folder) and exact `routes` (path → response) on 127.0.0.1. */
export async function startStaticServer(
  mounts: Record<string, string>,
  routes: Record<string, Route> = {},
): Promise<StaticServer> {
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route = routes[path];
    if (route) {
      res.writeHead(route.status ?? 200, { 'content-type': route.contentType ?? 'application/json' }).end(route.body);
      return;
    }
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!path.startsWith(prefix)) continue;
      const rel = normalize(decodeURIComponent(path.slice(prefix.length))).replace(/^([/\\])+/, '');
      if (rel.startsWith('..')) break;
      try {
        const body = await readFile(join(dir, rel));
        const type = rel.endsWith('.png') ? 'image/png' : rel.endsWith('.html') ? 'text/html' : 'application/json';
        res.writeHead(200, { 'content-type': type }).end(body);
        return;
      } catch {
        break;
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
