// `pnpm docs`: the API reference of every public package, in docs/api (not committed). `pnpm docs:check` (part of
// `pnpm test`) builds it without writing and fails on any warning: a broken {@link}, an undocumented export or a
// referenced type that is not exported. Each package's typedoc.json extends typedoc.base.json.

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'crm-gateway',
  entryPointStrategy: 'packages',
  entryPoints: [
    'packages/client',
    'packages/portal',
    'packages/express-plugin',
    'packages/hono-plugin',
    'packages/redis',
    'packages/emulator',
  ],
  out: 'docs/api',
  readme: 'README.md',
  validation: {
    notExported: true,
    invalidLink: true,
    invalidPath: true,
    rewrittenLink: true,
    notDocumented: true,
  },
  // Source links point at the repository named in the package manifests, whatever remote this clone has (a CI clone
  // may have none): TypeDoc does not ask git.
  disableGit: true,
  sourceLinkTemplate: 'https://github.com/crm-gateway/crm-gateway/blob/main/{path}#L{line}',
  treatWarningsAsErrors: true,
};
