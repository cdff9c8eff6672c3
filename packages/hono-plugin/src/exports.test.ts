import { describe, expect, it } from 'vitest';

describe('exports', () => {
  it('exposes exactly the documented names', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
      [
        "MissingCrmGatewayMiddlewareError",
        "PayloadTooLargeError",
        "activationLinkRoute",
        "cancelRoute",
        "createMemoryNotificationStore",
        "crmGateway",
        "crmGatewayRouter",
        "getCrmGateway",
        "listEntitlementsRoute",
        "notificationReceiver",
        "purchaseRoute",
        "resumeRoute",
        "suspendRoute",
      ]
    `);
  });
});
