import { request } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** An answer read by {@link postStream}. */
export interface StreamAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** `total` bytes of `fill` in 64 KiB chunks, generated lazily (nothing of the size is allocated). */
export function* chunksOf(total: number, fill = 'a'): Generator<Buffer> {
  const chunk = Buffer.alloc(64 * 1024, fill);
  for (let sent = 0; sent < total; sent += chunk.length) {
    yield total - sent >= chunk.length ? chunk : chunk.subarray(0, total - sent);
  }
}

/**
 * POSTs `chunks` to `url` with node:http (chunked unless a content-length header is given) and resolves with the
 * answer as soon as it is complete, even when the server answers early and closes the connection mid-upload.
 */
export function postStream(
  url: string,
  headers: Record<string, string>,
  chunks: Iterable<Buffer>,
): Promise<StreamAnswer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(url, { method: 'POST', headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => {
        answered = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString() });
        req.destroy();
      });
    });
    // The server may close the connection while the upload is still going: only an error before the answer counts.
    pipeline(Readable.from(chunks), req).catch((error: unknown) => {
      if (!answered) setTimeout(() => answered || reject(error), 1_000);
    });
  });
}
