import type { UserSeed } from '@resetkit/core'
import type { AccessTokenSeed, ClientSeed } from '@resetkit/http'

/** Fixed so the README and black-box tests can rely on them. */
export const DEMO_CLIENTS: readonly ClientSeed[] = [
  { id: 'demo-web', type: 'web', secret: 'demo-web-secret:%/&' },
  { id: 'demo-spa', type: 'spa' },
  { id: 'demo-native', type: 'native' },
]

export const DEMO_TOKENS: readonly AccessTokenSeed[] = [
  // Bob signed in on his browser: the token a signed-in change (/change_user_password) carries.
  { token: 'demo-openid-token', clientId: 'demo-spa', scopes: ['openid', 'profile'], subject: 'bob', sessionId: 'bob-browser' },
  { token: 'demo-profile-token', clientId: 'demo-spa', scopes: ['profile'] },
]

export const DEMO_USERS: readonly (Omit<UserSeed, 'passwordHash'> & { readonly password: string })[] = [
  { id: 'alice', email: 'alice@example.com', phoneNumber: '+8613800000001', status: 'active', names: ['Alice'], password: 'Initial-Passw0rd!', passwordHistory: [] },
  { id: 'bob', email: 'bob@example.com', phoneNumber: '+8613800000002', status: 'active', names: ['Bob'], password: 'Bob-Initial-Passw0rd!', passwordHistory: [] },
  { id: 'frozen', email: 'frozen@example.com', phoneNumber: '+8613800000003', status: 'frozen', names: [], password: 'Frozen-Initial-Passw0rd!', passwordHistory: [] },
]
