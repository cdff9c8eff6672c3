import { describe, expect, it } from 'vitest';

describe('exports', () => {
  it('exposes exactly the documented names', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
      [
        "CRM_GATEWAY",
        "MissingCrmGatewayMiddlewareError",
        "PayloadTooLargeError",
        "RawBodyUnavailableError",
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
