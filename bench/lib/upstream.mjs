// A minimal stand-in for OPF on loopback (Keycloak token endpoint + a purchase answering 201 with the sent _id),
// so a benchmark measures the code under test and not an emulator. Run in its own process:
//   node bench/lib/upstream.mjs
// prints one JSON line `{ url, tokenUrl }` when ready. Any path ending in `/token` is the token endpoint; every other
// POST is a purchase. `GET /__stats` answers `{ tokenRequests, purchases }` (what was served since the start).
import { createServer } from 'node:http';
import { STUB_TOKEN } from './kit.mjs';

const TOKEN = JSON.stringify({ access_token: STUB_TOKEN, token_type: 'Bearer', expires_in: 3600 });

let tokenRequests = 0;
let purchases = 0;

const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    if (req.url === '/__stats') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ tokenRequests, purchases }));
      return;
    }
    if (req.url.endsWith('/token')) {
      tokenRequests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(TOKEN);
      return;
    }
    purchases += 1;
    let id = 'abc1234';
    try {
      id = JSON.parse(body)._id ?? id;
    } catch {
      // keep the default id
    }
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ _id: id }));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${server.address().port}`;
  console.log(JSON.stringify({ url, tokenUrl: `${url}/token` }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
