import type { PortalResponse } from '@crm-gateway/client';
import type { Response } from 'express';

/** @internal Writes a portal answer as JSON. */
export function sendPortalResponse(res: Response, answer: PortalResponse): void {
  if (answer.headers !== undefined) {
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  }
  res.status(answer.status).json(answer.body);
}
