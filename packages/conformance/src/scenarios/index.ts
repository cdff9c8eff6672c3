/**
 * The one scenario table both plugins run: each plugin's test calls {@link runPortalScenarios} with an adapter
 * that starts a real server of its framework in front of a real emulator, and every scenario drives it with
 * `fetch` over loopback. One file per concern.
 */
import { describe } from 'vitest';
import type { PortalTestAdapter } from '../plugins/portal-test-adapter.js';
import { hardeningScenarios } from './hardening.js';
import { createScenarioKit } from './kit.js';
import { lifecycleScenarios } from './lifecycle.js';
import { middlewareScenarios } from './middleware.js';
import { notificationScenarios } from './notifications.js';
import { purchaseScenarios } from './purchase.js';

/**
 * Runs every shared portal scenario against one plugin.
 *
 * @example
 * runPortalScenarios({ name: 'express', start: async (app) => listen(buildExpressApp(app)) });
 */
export function runPortalScenarios(adapter: PortalTestAdapter): void {
  describe(`portal scenarios: ${adapter.name}`, () => {
    const kit = createScenarioKit(adapter);
    middlewareScenarios(kit);
    purchaseScenarios(kit);
    lifecycleScenarios(kit);
    notificationScenarios(kit);
    hardeningScenarios(kit);
  });
}
