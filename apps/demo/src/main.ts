#!/usr/bin/env node
import { DEMO_USERS } from './portal/demo-users.js';
import { DemoUsageError, parseDemoArgs } from './args.js';
import { runDemoCheck } from './check.js';
import { startDemo } from './start-demo.js';

async function main(): Promise<number> {
  const args = parseDemoArgs(process.argv.slice(2));
  if (args.check) {
    const report = await runDemoCheck({ log: (line) => console.log(line) });
    return report.ok ? 0 : 1;
  }

  const demo = await startDemo({
    framework: args.framework,
    host: args.host,
    port: args.port,
    emulatorPort: args.emulatorPort,
    log: (line) => console.log(line),
  });
  const logins = DEMO_USERS.map(
    (user) => `    ${user.username} / ${user.password}  (OPF account ${user.accountId})`,
  );
  console.log(
    [
      '',
      ...[
        [`Self-care portal (${demo.framework})`, demo.portal.url],
        ['OPF emulator (CRM Gateway)', demo.emulator.url],
        ['Keycloak token endpoint', demo.emulator.tokenUrl],
        ['Emulator state', `${demo.emulator.url}/__emulator/state`],
      ].map(([label, url]) => `  ${`${label}:`.padEnd(30)} ${url}`),
      '',
      '  Sign in to the portal as:',
      ...logins,
      '',
      '  Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await demo.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof DemoUsageError) console.error(error.message);
    else console.error('demo failed to start:', error instanceof Error ? error.message : error);
    process.exitCode = error instanceof DemoUsageError ? 2 : 1;
  },
);
