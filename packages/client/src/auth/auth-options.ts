/**
 * Password grant, as OPF's Keycloak docs show it: a Keycloak user holding `operatorRole`. The client keeps the
 * refresh token and uses it before falling back to the password.
 *
 * @example
 * ```ts
 * const auth: PasswordGrantAuth = {
 *   tokenUrl: 'https://operator.example/keycloak/auth/realms/nagra/protocol/openid-connect/token',
 *   clientId: 'crm_client',
 *   username: 'crm_client_user',
 *   password: process.env.CRM_PASSWORD!,
 * };
 * ```
 */
export interface PasswordGrantAuth {
  tokenUrl: string;
  clientId: string;
  username: string;
  password: string;
  /** Only for confidential Keycloak clients; sent in the body. */
  clientSecret?: string;
  scope?: string;
}

/**
 * Client credentials grant (a Keycloak service account); the secret is sent in the form body.
 *
 * @example
 * ```ts
 * const auth: ClientCredentialsAuth = { tokenUrl, clientId: 'crm_service', clientSecret: process.env.CRM_SECRET! };
 * ```
 */
export interface ClientCredentialsAuth {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
}

/**
 * Keycloak base URL and realm instead of a token URL: the client builds
 * `${keycloakUrl}/realms/${realm}/protocol/openid-connect/token`. With `username` + `password` it uses the password
 * grant, else `clientSecret` and the client credentials grant.
 *
 * @example
 * ```ts
 * const auth: KeycloakAuth = {
 *   keycloakUrl: 'https://operator.example/keycloak/auth',
 *   realm: 'nagra',
 *   clientId: 'crm_client',
 *   username: 'crm_client_user',
 *   password: process.env.CRM_PASSWORD!,
 * };
 * ```
 */
export interface KeycloakAuth {
  /** The Keycloak base URL, the part before `/realms/…` (on OPF: `https://<host>/keycloak/auth`). */
  keycloakUrl: string;
  /** Default `nagra`. */
  realm?: string;
  clientId: string;
  username?: string;
  password?: string;
  clientSecret?: string;
  scope?: string;
}

/**
 * Bring your own token. The function is called for every request (cache in it if needed); after the gateway
 * refuses a token it is called once with `{ forceRefresh: true }`.
 *
 * @example
 * ```ts
 * const auth: TokenFunctionAuth = { getAccessToken: async () => myVault.currentOpfToken() };
 * ```
 */
export interface TokenFunctionAuth {
  getAccessToken: (hint: { forceRefresh: boolean }) => Promise<string>;
}

/**
 * How the client obtains its Keycloak access token.
 *
 * @example
 * ```ts
 * const auth: AuthOptions = { tokenUrl: emulator.tokenUrl, clientId: 'crm_service', clientSecret: 'crm-service-secret' };
 * ```
 */
export type AuthOptions = PasswordGrantAuth | ClientCredentialsAuth | KeycloakAuth | TokenFunctionAuth;
