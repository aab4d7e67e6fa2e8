// The demo: serves the bundled fictional issuer (samples/issuer) on a loopback port and runs the
// built CLI on the bundled samples, mapping the issuer's https URLs to that port with --map-url.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join, normalize } from 'node:path';

const root = join(process.cwd(), 'samples/issuer');
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^([/\\])+/, '');
  try {
    const body = await readFile(join(root, path));
    res.writeHead(200, { 'content-type': path.endsWith('.png') ? 'image/png' : 'application/ld+json' }).end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
const args = [
  'bin/credlens.mjs', 'verify',
  'samples/demo-badge.png',
  'https://badges.demo-academy.example/assertions/hosted-1.json',
  '--map-url', `https://badges.demo-academy.example/=http://127.0.0.1:${port}/`,
  '--trust', 'samples/demo-trust.json',
  '--email', 'ada.lovelace@example.com',
];
console.log(`$ credlens ${args.slice(1).join(' ')}\n`);
const child = spawn(process.execPath, args, { stdio: 'inherit' });
const code = await new Promise((resolve) => child.on('exit', resolve));
server.close();
process.exit(code ?? 1);
