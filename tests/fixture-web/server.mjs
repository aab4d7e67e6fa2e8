#!/usr/bin/env node
// The fixture web: one HTTPS server on 127.0.0.1:<random port> that answers for every
// host name in certs/cert.pem's SAN. Chromium reaches it through
// `--host-resolver-rules=MAP <host>:443 127.0.0.1:<port>`, so pages and endpoints keep
// their real names. Machine-readable documents come from ./generated (see generate.mjs).
//
// TEST ONLY: certs/ holds a self-signed certificate and its key, made once with
//   openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -keyout certs/key.pem -out certs/cert.pem \
//     -subj "/CN=CredLens fixture web (TEST ONLY)" -addext "subjectAltName=DNS:www.linkedin.com,..."
// Standalone: `node tests/fixture-web/server.mjs` prints the port and the resolver rule.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Every host name the fixture web answers for (must match the certificate's SAN). */
export const FIXTURE_HOSTS = [
  'www.linkedin.com',
  'www.credly.com',
  'credly.com',
  'api.credly.com',
  'images.credly.com',
  'badgr.com',
  'api.badgr.io',
  'example.org',
  'www.example.org',
  // Detection surfaces (issue 6): job board, Europass, platforms with and without a verifiable form.
  'jobs.example.net',
  'europa.eu',
  'openbadgefactory.com',
  'edubadges.nl',
  'api.edubadges.nl',
  'www.coursera.org',
  'www.credential.net',
  'learn.microsoft.com',
  'courses.edx.org',
  // Mixed profile (issue 5): the did:web issuer of the OB 3.0 badges, and the DCC Member
  // Registry's host (its registry.json is served only while a test opens the `dcc-registry` gate).
  'credentials.example.edu',
  'digitalcredentials.github.io',
  // Qualified-seal EDC (issues 4, 5): a test List of Trusted Lists and its ES list, made per run
  // by tests/fixtures/edc/generate.mjs and served through `serve()` (not in the certificate's SAN:
  // the e2e browser runs with --ignore-certificate-errors).
  'trust.credlens.test',
];

/** ../shared/vectors, read in place (override with CREDLENS_VECTORS), as tests/support/vectors.ts. */
const VECTORS_DIR = process.env.CREDLENS_VECTORS ?? resolve(here, '../../../shared/vectors');

export const PROFILE_URL = 'https://www.linkedin.com/in/jane-doe-fixture/';

const UUID = /^\/badges\/([0-9a-f-]{36})(?:\/public_url)?\/?$/;

function humanPage(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${body}</p></body></html>`;
}

/** Starts the server; resolves to { port, url(host,path), requests, close() }. */
export async function startFixtureServer({ port = 0 } = {}) {
  const routes = [
    ...JSON.parse(readFileSync(join(here, 'generated', 'routes.json'), 'utf8')),
    // Served from ../shared/vectors in place: `{host, path, vector, contentType, status}`.
    ...JSON.parse(readFileSync(join(here, 'generated', 'vector-routes.json'), 'utf8')),
  ];
  // Routes served from the shared vectors: a missing corpus fails loudly, at start.
  for (const r of routes) {
    if (r.vector !== undefined && !existsSync(resolve(VECTORS_DIR, r.vector))) {
      throw new Error(
        `Fixture web: test vector ${r.vector} not found under ${VECTORS_DIR} (check out the repository beside shared/ or set CREDLENS_VECTORS).`,
      );
    }
  }
  /** Gates opened by tests (routes with a `gate` answer 404 while theirs is closed). */
  const open = new Set();
  const table = new Map(routes.map((r) => [`${r.host}${r.path}`, r]));
  const site = {
    'www.linkedin.com/in/jane-doe-fixture/': {
      file: join(here, 'site', 'linkedin-profile.html'),
      type: 'text/html; charset=utf-8',
    },
    // "Show all" sub-page of the certifications (the SPA renders it from the path on a direct load).
    'www.linkedin.com/in/jane-doe-fixture/details/certifications/': {
      file: join(here, 'site', 'linkedin-profile.html'),
      type: 'text/html; charset=utf-8',
    },
    'www.linkedin.com/static/profile.js': {
      file: join(here, 'site', 'profile.js'),
      type: 'text/javascript; charset=utf-8',
    },
  };
  const requests = [];
  /** Documents added at run time by tests (`serve`), keyed like `table`. */
  const served = new Map();
  /** Redirects added at run time by tests (`redirect`), keyed like `table`. */
  const redirects = new Map();

  const server = createServer(
    {
      key: readFileSync(join(here, 'certs', 'key.pem')),
      cert: readFileSync(join(here, 'certs', 'cert.pem')),
    },
    (req, res) => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      const url = new URL(req.url ?? '/', `https://${host}`);
      const key = `${host}${url.pathname}`;
      requests.push({ host, path: url.pathname, search: url.search, accept: req.headers.accept ?? '' });
      const send = (status, type, body) => {
        res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(body);
      };
      const moved = redirects.get(key);
      if (moved) {
        res.writeHead(moved.status, { location: moved.location, 'cache-control': 'no-store' });
        return res.end();
      }
      const dynamic = served.get(key);
      if (dynamic) return send(200, dynamic.contentType, dynamic.body);
      const hit = table.get(key);
      if (hit && (hit.gate === undefined || open.has(hit.gate))) {
        const file =
          hit.vector !== undefined ? resolve(VECTORS_DIR, hit.vector) : join(here, 'generated', hit.file);
        return send(hit.status, hit.contentType, readFileSync(file));
      }
      const page = site[key];
      if (page) return send(200, page.type, readFileSync(page.file));
      const badge = host === 'www.credly.com' ? UUID.exec(url.pathname) : null;
      if (badge)
        return send(
          200,
          'text/html; charset=utf-8',
          humanPage('Credly badge (fixture)', `Badge ${badge[1]}`),
        );
      if (host === 'badgr.com' && url.pathname.startsWith('/public/assertions/')) {
        return send(200, 'text/html; charset=utf-8', humanPage('Badgr assertion (fixture)', url.pathname));
      }
      // Human pages of platforms without a verifiable form: a page, never evidence.
      if (
        [
          'www.coursera.org',
          'www.credential.net',
          'learn.microsoft.com',
          'courses.edx.org',
          'edubadges.nl',
          'openbadgefactory.com',
        ].includes(host)
      ) {
        return send(200, 'text/html; charset=utf-8', humanPage(`${host} (fixture)`, url.pathname));
      }
      if (host === 'www.example.org' && url.pathname === '/about.html') {
        return send(200, 'text/html; charset=utf-8', humanPage('Portfolio', 'Jane Doe'));
      }
      send(404, 'application/json', JSON.stringify({ error: 'not found', host, path: url.pathname }));
    },
  );
  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  const actual = server.address().port;
  return {
    port: actual,
    requests,
    /** The Chromium flag value that maps every fixture host to this server. */
    resolverRules: FIXTURE_HOSTS.map((h) => `MAP ${h}:443 127.0.0.1:${actual}`).join(', '),
    /** Opens or closes a gate (e.g. `dcc-registry`: the DCC Member Registry answers only while open). */
    setGate: (name, isOpen) => void (isOpen ? open.add(name) : open.delete(name)),
    /** Serves `body` at an https URL of a fixture host (documents generated by a test at run time). */
    serve: (url, body, contentType) => {
      const u = new URL(url);
      served.set(`${u.hostname}${u.pathname}`, { body, contentType });
    },
    /** Answers an https URL of a fixture host with a redirect to `location` (any address). */
    redirect: (url, location, status = 302) => {
      const u = new URL(url);
      redirects.set(`${u.hostname}${u.pathname}`, { location, status });
    },
    close: () => new Promise((done) => server.close(() => done())),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = await startFixtureServer({ port: Number(process.env.PORT ?? 0) });
  console.log(`fixture web on https://127.0.0.1:${s.port}`);
  console.log(`--host-resolver-rules="${s.resolverRules}" --ignore-certificate-errors`);
}
