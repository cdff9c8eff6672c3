// Diffs two OpenAPI documents with api-smart-diff and sorts every change into breaking / additive /
// documentation, with one human-readable line each. See openapi/README.md ("Spec updates") for why this
// library and how its classes map to ours.
import { apiCompare } from 'api-smart-diff';
import { parse } from 'yaml';

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

/** Names of the component schemas reachable (through `$ref`, transitively) from `node`. */
function reachableSchemas(spec, node) {
  const seen = new Set();
  const walk = (value) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') {
        const parts = child.replace(/^#\//, '').split('/');
        const name = parts.length === 3 && parts[0] === 'components' ? parts.slice(1).join('/') : undefined;
        if (name && !seen.has(name)) {
          seen.add(name);
          walk(spec.components?.[parts[1]]?.[parts[2]]);
        }
      } else {
        walk(child);
      }
    }
  };
  walk(node);
  return seen;
}

/** `paths > /a/{b} > post > responses` → a readable place ("POST /a/{b}", "webhook entitlementChanged"). */
function place(path) {
  const [root, name, method] = path;
  if (root === 'paths') return METHODS.has(method) ? `${method.toUpperCase()} ${name}` : `${name}`;
  if (root === 'webhooks') return `webhook ${name}`;
  return undefined;
}

function describe(diff, note) {
  const where = place(diff.path);
  let text = diff.description;
  if (!text) {
    const verb = { add: 'Added', remove: 'Removed', replace: 'Replaced', rename: 'Renamed' }[diff.action];
    const value = diff.action === 'remove' ? diff.before : diff.after;
    const shown = value !== null && typeof value !== 'object' ? ` (\`${value}\`)` : '';
    text = `[${verb ?? diff.action}] \`${diff.path.join('.')}\`${shown}`;
  } else if (where && !text.includes(diff.path[1])) {
    text = `${where}: ${text}`;
  }
  return note ? `${text} (${note})` : text;
}

/**
 * Compares two spec texts (YAML or JSON). Returns
 * `{ change: 'breaking'|'additive'|'none', breaking, additive, documentation }`, each list of strings.
 *
 * - api-smart-diff's `breaking` → breaking; `non-breaking` and `deprecated` → additive; `annotation` →
 *   documentation; `unclassified` → additive, marked for review.
 * - Changes under `components/schemas` that the library reports again where an operation uses them are
 *   listed once (at the operation). Webhooks and schemas only they use: the library reads OpenAPI 3.0 and
 *   does not know the webhook direction (the portal receives the body), so any change there that is not an
 *   annotation counts as breaking.
 */
export function diffSpecs(beforeText, afterText) {
  // api-smart-diff normalises its inputs in place: give it its own copies.
  const before = parse(beforeText);
  const after = parse(afterText);
  const fromPaths = new Set([
    ...reachableSchemas(before, before.paths),
    ...reachableSchemas(after, after.paths),
  ]);
  const { diffs } = apiCompare(parse(beforeText), parse(afterText));
  const breaking = [];
  const additive = [];
  const documentation = [];
  const seen = new Set();
  const add = (list, text) => {
    if (!seen.has(text)) {
      seen.add(text);
      list.push(text);
    }
  };
  for (const diff of diffs) {
    const [root, section, name] = diff.path;
    const isSchema = root === 'components' && section === 'schemas';
    if (isSchema && fromPaths.has(`schemas/${name}`)) continue; // reported at the operations using it
    const webhookSide = root === 'webhooks' || isSchema;
    if (diff.type === 'annotation') add(documentation, describe(diff));
    else if (webhookSide) add(breaking, describe(diff, 'webhook or unused schema: counted as breaking'));
    else if (diff.type === 'breaking') add(breaking, describe(diff));
    else if (diff.type === 'deprecated') add(additive, describe(diff, 'deprecation'));
    else if (diff.type === 'unclassified') add(additive, describe(diff, 'unclassified: review it'));
    else add(additive, describe(diff));
  }
  const change = breaking.length ? 'breaking' : additive.length ? 'additive' : 'none';
  return { change, breaking, additive, documentation };
}

/**
 * The version bump a change carries, given the current version of `@crm-gateway/client`. While 0.x,
 * semver's major is reserved for 1.0: breaking → minor, additive → patch. From 1.0: breaking → major,
 * additive → minor. No contract change → none.
 */
export function bumpFor(change, currentVersion = '0.0.0') {
  if (change === 'none') return 'none';
  const major = Number.parseInt(String(currentVersion).split('.')[0] ?? '0', 10) || 0;
  if (major === 0) return change === 'breaking' ? 'minor' : 'patch';
  return change === 'breaking' ? 'major' : 'minor';
}
