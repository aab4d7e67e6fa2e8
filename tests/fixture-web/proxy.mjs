// A loopback CONNECT proxy in front of the fixture web, for browsers that cannot map host names
// to an address the way Chromium's --host-resolver-rules does (Firefox: point its
// `network.proxy.*` prefs here). A CONNECT to <fixture host>:443 is tunnelled to the fixture
// server, so pages and endpoints keep their real names and TLS runs end to end (the browser
// accepts the TEST ONLY certificate). Anything else is refused with 403: the browser under test
// reaches no other host, and the hosts it asked for are listed in `refused`.
import { createServer, connect } from 'node:net';
import { FIXTURE_HOSTS } from './server.mjs';

const HEAD_LIMIT = 8192;

/** Starts the proxy on 127.0.0.1:<random port> for a fixture web listening on `webPort`. */
export async function startFixtureProxy(webPort, { hosts = FIXTURE_HOSTS } = {}) {
  const allowed = new Set(hosts.map((h) => h.toLowerCase()));
  const refused = [];
  const sockets = new Set();
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let head = Buffer.alloc(0);
    const onData = (chunk) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > HEAD_LIMIT) client.destroy();
        return;
      }
      client.off('data', onData);
      const line = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      const m = /^CONNECT ([A-Za-z0-9.-]+):(\d{1,5}) HTTP\/1\.[01]$/.exec(line);
      const host = m?.[1]?.toLowerCase();
      if (m === null || host === undefined || m[2] !== '443' || !allowed.has(host)) {
        refused.push(m === null ? line.slice(0, 200) : `${host}:${m[2]}`);
        client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
        return;
      }
      const rest = head.subarray(end + 4);
      const upstream = connect(webPort, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (rest.length > 0) upstream.write(rest);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      sockets.add(upstream);
      upstream.on('close', () => {
        sockets.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
    };
    client.on('data', onData);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: server.address().port,
    refused,
    close: () =>
      new Promise((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}
