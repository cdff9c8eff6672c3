/**
 * The demo's subscribers. A real portal has its own user database; here three sign-ins map to the
 * OPF accounts of the emulator's default seed.
 */
export interface DemoUser {
  username: string;
  password: string;
  displayName: string;
  accountId: string;
}

/**
 * The sign-ins printed by `pnpm demo`.
 *
 * @example
 * const alice = DEMO_USERS.find((user) => user.username === 'alice');
 */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'alice', password: 'alice-demo', displayName: 'Alice', accountId: 'account-alice' },
  { username: 'bob', password: 'bob-demo', displayName: 'Bob', accountId: 'account-bob' },
  { username: 'carol', password: 'carol-demo', displayName: 'Carol', accountId: 'account-carol' },
];

/**
 * Finds the demo user for a username and password, or `undefined`.
 *
 * @example
 * authenticate('alice', 'alice-demo')?.accountId; // 'account-alice'
 */
export function authenticate(username: unknown, password: unknown): DemoUser | undefined {
  return DEMO_USERS.find((user) => user.username === username && user.password === password);
}
