import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCrmGatewayClient } from './client/create-client.js';

// A hostile token endpoint and gateway on loopback (a real node:http server) that echo what they got (the
// Authorization header, the form with the password and client secret) in generated shapes: nested deeper than
// any fixed limit, padded so the secret straddles every cut of the client, percent-, form-, base64- or
// base64url-encoded, as JSON or text, in bodies, keys and headers. No secret may appear in any form in any error
// (message, stack, JSON.stringify, inspect), any `client.api` error body, or any log line.

type Encoding = 'raw' | 'uri' | 'form' | 'base64' | 'base64url';

interface Shape {
  where: 'token' | 'gateway';
  status: number;
  format: 'json' | 'text';
  encodings: Encoding[];
  depth: number;
  padding: number;
  road: 'entitlements' | 'api';
}

interface Secrets {
  password: string;
  clientSecret: string;
  accessToken: string;
  refreshToken: string;
}

let server: Server;
let baseUrl: string;
let current: { shape: Shape; secrets: Secrets } | undefined;

const encode = (text: string, encoding: Encoding): string =>
  encoding === 'raw'
    ? text
    : encoding === 'uri'
      ? encodeURIComponent(text)
      : encoding === 'form'
        ? new URLSearchParams({ x: text }).toString().slice(2)
        : Buffer.from(text).toString(encoding);

function nest(value: unknown, depth: number): unknown {
  for (let level = 0; level < depth; level += 1) value = level % 2 ? [value] : { level, inner: value };
  return value;
}

function echoAnswer(
  got: string,
  shape: Shape,
): { status: number; headers: Record<string, string>; body: string } {
  const pad = 'x'.repeat(shape.padding);
  const echoes = shape.encodings.map((encoding) => `${pad}${encode(got, encoding)}`);
  const echo = echoes.join(' | ');
  const headers: Record<string, string> = {
    'x-echo': Buffer.from(got).toString('base64'),
    'www-authenticate': `Bearer error="${encodeURIComponent(got)}"`,
  };
  if (shape.format === 'text') {
    return {
      status: shape.status,
      headers: { ...headers, 'content-type': 'text/plain' },
      body: `oops ${echo}`,
    };
  }
  const body =
    shape.where === 'token'
      ? {
          error: shape.depth % 2 ? echo : 'invalid_grant',
          error_description: echo,
          echoes,
          nested: nest(echoes, shape.depth),
        }
      : {
          resultCode: 'X',
          result: echo,
          details: [{ field: 'header/authorization', message: echo }],
          [echoes[0]!]: nest(echoes, shape.depth),
        };
  return {
    status: shape.status,
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void bodyOf(req).then((body) => {
      const { shape, secrets } = current!;
      const got = `${req.headers['authorization'] ?? ''} ${body}`;
      const isToken = req.url!.startsWith('/token');
      if (isToken && shape.where === 'gateway') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            access_token: secrets.accessToken,
            refresh_token: secrets.refreshToken,
            expires_in: 300,
          }),
        );
        return;
      }
      const answer = echoAnswer(got, shape);
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Every form of `secret` an echo may carry (base64: the part that depends on the secret only, at 3 alignments). */
function formsOf(secret: string): string[] {
  const forms = [secret, encodeURIComponent(secret), new URLSearchParams({ x: secret }).toString().slice(2)];
  for (let offset = 0; offset < 3; offset += 1) {
    const from = Math.ceil(offset / 3) * 4;
    const to = Math.floor((offset + Buffer.byteLength(secret)) / 3) * 4;
    for (const encoding of ['base64', 'base64url'] as const) {
      forms.push(
        Buffer.from('ab'.slice(0, offset) + secret)
          .toString(encoding)
          .slice(from, to),
      );
    }
  }
  return forms.filter((form) => form.length >= 8);
}

const printable = fc.string({
  unit: fc.constantFrom(
    ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~é€',
  ),
  minLength: 12,
  maxLength: 40,
});
const token = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9._~+/-]{24,90}$/),
  fc.stringMatching(/^[\x21-\x7E]{24,90}$/),
);

const shapes: fc.Arbitrary<Shape> = fc.record({
  where: fc.constantFrom('token', 'gateway'),
  status: fc.constantFrom(400, 401, 403, 404, 409, 500, 503),
  format: fc.constantFrom('json', 'text'),
  encodings: fc.uniqueArray(fc.constantFrom<Encoding>('raw', 'uri', 'form', 'base64', 'base64url'), {
    minLength: 1,
    maxLength: 3,
  }),
  depth: fc.integer({ min: 0, max: 60 }),
  padding: fc.constantFrom(0, 1, 2, 150, 190, 199, 290, 299, 490, 499, 1990),
  road: fc.constantFrom('entitlements', 'api'),
});

const secretsArb: fc.Arbitrary<Secrets> = fc.record({
  password: printable,
  clientSecret: printable,
  accessToken: token,
  refreshToken: token,
});

describe('no secret in any form leaves the client (property, over real HTTP)', () => {
  test('generated secrets and echo shapes', async () => {
    await fc.assert(
      fc.asyncProperty(shapes, secretsArb, async (shape, secrets) => {
        current = { shape, secrets };
        const logLines: string[] = [];
        const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
          logLines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
        const client = createCrmGatewayClient({
          baseUrl,
          tenantId: 'tenant1',
          auth: {
            tokenUrl: `${baseUrl}/token`,
            clientId: 'crm_client',
            username: 'user',
            password: secrets.password,
            clientSecret: secrets.clientSecret,
          },
          maxRetries: 0,
          logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
        });
        const seen: string[] = [...logLines];
        let thrown: unknown;
        if (shape.road === 'entitlements') {
          thrown = await client.entitlements.list().then(
            () => new Error('expected a failure'),
            (error: unknown) => error,
          );
        } else {
          try {
            const result = await client.api.GET('/crm-gateway/v1/rmg/v1/entitlements', {
              params: { header: { 'nv-tenant-id': 'tenant1' } },
            } as never);
            seen.push(JSON.stringify(result.error) ?? '', inspect(result.error, { depth: null }));
          } catch (error) {
            thrown = error;
          }
        }
        if (thrown !== undefined) {
          const error = thrown as Error;
          expect(error.message).not.toBe('expected a failure');
          seen.push(
            String(error),
            error.message,
            error.stack ?? '',
            JSON.stringify(error),
            inspect(error, { depth: null }),
          );
        }
        seen.push(...logLines);
        for (const secret of Object.values(secrets)) {
          for (const form of formsOf(secret)) {
            for (const text of seen) {
              if (text.includes(form)) {
                throw new Error(
                  `found ${JSON.stringify(form)} (of ${JSON.stringify(secret)}) in ${text.slice(0, 2000)}`,
                );
              }
            }
          }
        }
      }),
      { numRuns: 80 },
    );
  });
});
