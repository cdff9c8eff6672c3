/**
 * @module @crm-gateway/client
 * Typed client for NAGRA OpenTV Platform's CRM Gateway. The runtime (tokens, retries, errors) arrives with
 * its own issue; this entry already exports the types generated from `openapi/crm-gateway.yaml`.
 */
export type { components, operations, paths, webhooks } from './generated/schema.js';
