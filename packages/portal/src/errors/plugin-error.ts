/**
 * Base of the errors a framework plugin throws to the app's error handling (a set-up mistake or a request the
 * plugin refuses before the portal core runs). It carries a stable `code` and an HTTP `status`, and answers
 * itself in both frameworks: Express's default handler reads `status` and `expose`; Hono's reads
 * `getResponse()` (its `HTTPResponseError` protocol). The body is `{ code, message }`, never a stack.
 *
 * @example
 * app.use((err, req, res, next) => {
 *   if (err instanceof CrmGatewayPluginError) return res.status(err.status).json({ code: err.code });
 *   next(err);
 * });
 */
export class CrmGatewayPluginError extends Error {
  /** A stable code to switch on. */
  readonly code: string;
  /** The HTTP status the request is answered with. */
  readonly status: number;
  /** Express: whether the message may be shown to the client (true below 500). */
  readonly expose: boolean;

  constructor(code: string, status: number, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.expose = status < 500;
  }

  /** The answer to this error: JSON `{ code, message }` with its status (Hono calls this). */
  getResponse(): Response {
    return Response.json({ code: this.code, message: this.message }, { status: this.status });
  }
}
