import { CrmGatewayPluginError } from './plugin-error.js';

/**
 * The notification receiver could not read the raw request body: a body parser (e.g. `express.json()`) has
 * already consumed and replaced it, so the signature cannot be checked. Mount the receiver before that parser
 * (or keep the raw bytes, e.g. with `express.raw()`). Code `RAW_BODY_UNAVAILABLE`, status 500.
 *
 * @example
 * app.post('/opf/notifications', notificationReceiver({ secret, onNotification })); // before app.use(express.json())
 */
export class RawBodyUnavailableError extends CrmGatewayPluginError {
  constructor() {
    super(
      'RAW_BODY_UNAVAILABLE',
      500,
      'notificationReceiver(): the raw body was already parsed by another middleware (e.g. express.json()); ' +
        'mount the receiver before it, or keep the raw body on its route (express.raw()).',
    );
  }
}
