/** Where the users and their history live; every name can be mapped onto an existing schema. */
export interface TableMapping {
  readonly schema?: string
  readonly users?: {
    readonly table?: string
    readonly id?: string
    readonly email?: string
    readonly phoneNumber?: string
    readonly status?: string
    readonly names?: string
    readonly passwordHash?: string
    readonly version?: string
  }
  readonly history?: {
    readonly table?: string
    /** A column that grows with every insert (bigserial, or a timestamp). */
    readonly order?: string
    readonly userId?: string
    readonly passwordHash?: string
  }
}

/** SQL identifier quoting: names come from configuration, never from requests, but still. */
export const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`

/** Every table and column name, quoted, with the defaults filled in. */
export type ResolvedNames = Readonly<Record<'users' | 'id' | 'email' | 'phoneNumber' | 'status' | 'names' | 'passwordHash' | 'version' | 'history' | 'historyOrder' | 'historyUserId' | 'historyHash', string>>

export function resolveNames(mapping: TableMapping = {}): ResolvedNames {
  const schema = quote(mapping.schema ?? 'public')
  const users = mapping.users ?? {}
  const history = mapping.history ?? {}
  return {
    users: `${schema}.${quote(users.table ?? 'resetkit_users')}`,
    id: quote(users.id ?? 'id'),
    email: quote(users.email ?? 'email'),
    phoneNumber: quote(users.phoneNumber ?? 'phone_number'),
    status: quote(users.status ?? 'status'),
    names: users.names === undefined ? quote('names') : quote(users.names),
    passwordHash: quote(users.passwordHash ?? 'password_hash'),
    version: quote(users.version ?? 'version'),
    history: `${schema}.${quote(history.table ?? 'resetkit_password_history')}`,
    historyOrder: quote(history.order ?? 'id'),
    historyUserId: quote(history.userId ?? 'user_id'),
    historyHash: quote(history.passwordHash ?? 'password_hash'),
  }
}
