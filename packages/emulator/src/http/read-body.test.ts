import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../start-emulator.js';
import type { Emulator } from '../types.js';
import { PURCHASE_PATH, gatewayHeaders, passwordToken } from '../../test/http.js';
import { chunksOf, postStream } from '../../test/upload.js';
import { BODY_LIMIT_BYTES } from './read-body.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, host: '127.0.0.1' });
});
afterAll(() => emulator.close());

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('body limits (64 KiB, counted while streaming)', () => {
  it('token endpoint: a chunked form over the limit gets 413 with an OAuth error body', async () => {
    const answer = await postStream(emulator.tokenUrl, FORM, chunksOf(8 * 1024 * 1024));
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({
      error: 'invalid_request',
      error_description: `The request body is larger than ${BODY_LIMIT_BYTES} bytes`,
    });
  });

  it('token endpoint: a declared content-length over the limit is refused before reading', async () => {
    const size = BODY_LIMIT_BYTES + 1;
    const answer = await postStream(
      emulator.tokenUrl,
      { ...FORM, 'content-length': String(size) },
      chunksOf(size),
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'invalid_request' });
  });

  it('token endpoint: a form of exactly the limit is read and answered as usual', async () => {
    const prefix =
      'grant_type=password&client_id=crm_client&username=crm_client_user&password=crm-client-password&pad=';
    const form = prefix + 'a'.repeat(BODY_LIMIT_BYTES - prefix.length);
    const answer = await postStream(emulator.tokenUrl, FORM, [Buffer.from(form)]);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toHaveProperty('access_token');
  });

  it('gateway routes: a chunked purchase body over the limit gets 413 PAYLOAD_TOO_LARGE', async () => {
    const token = await passwordToken(emulator);
    const answer = await postStream(
      `${emulator.url}${PURCHASE_PATH}`,
      { ...gatewayHeaders(token), 'content-type': 'application/json', 'x-correlation-id': 'big-1' },
      chunksOf(4 * 1024 * 1024, ' '),
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ resultCode: 'PAYLOAD_TOO_LARGE', requestId: 'big-1' });
    expect(emulator.getState().entitlements).toHaveLength(0);
  });

  it('admin API: a faults document over 1 MiB gets 413', async () => {
    const response = await fetch(`${emulator.url}/__emulator/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: ' '.repeat(1024 * 1024 + 1),
    });
    expect(response.status).toBe(413);
  });
});
