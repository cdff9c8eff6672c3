// A minimal stand-in for OPF (token endpoint + purchase answering 201 with the sent _id), so the benchmark
// measures the portal route and not an emulator. Prints one JSON line `{ url }` when ready.
import { createServer } from 'node:http';

const TOKEN = JSON.stringify({ access_token: 'bench-token', token_type: 'Bearer', expires_in: 3600 });

const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    if (req.url.endsWith('/token')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(TOKEN);
      return;
    }
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
server.listen(0, '127.0.0.1', () =>
  console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })),
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
