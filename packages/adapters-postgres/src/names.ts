/** Where the users and their history live; every name can be mapped onto an existing schema. */
export interface TableMapping {
  readonly schema?: string
  readonly users?: {
    readonly table?: string
    readonly id?: string
    readonly email?: string
    readonly phoneNumber?: string
    readonly status?: string
    /**
     * The names fed to the strength check as personal data: one `text[]` column (default
     * `names`), a list of text columns (`['first_name', 'last_name']`), or `null` for none.
     */
    readonly names?: string | readonly string[] | null
    readonly passwordHash?: string
    /**
     * A counter bumped by every password change, for compare-and-set (default `version`), or
     * `null` to compare-and-set on the current hash itself (for tables without such a column).
     */
    readonly version?: string | null
  }
  readonly history?: {
    readonly table?: string
    /** A column that grows with every insert (bigserial, or a timestamp). */
    readonly order?: string
    readonly userId?: string
    readonly passwordHash?: string
    /**
     * Which rows a change may delete once they fall beyond the history limit:
     * - `'all'`, the default for resetkit's own table;
     * - `'none'`, the default once `table` names a table of yours: rows are read, never deleted;
     * - `{ column, value }`: rows resetkit inserts carry `value` in `column`, and only those
     *   are ever deleted; your own rows are read and kept.
     */
    readonly trim?: 'all' | 'none' | { readonly column: string; readonly value: string }
  }
}

/** SQL identifier quoting: names come from configuration, never from requests, but still. */
export const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`

/** Every table and column name, quoted, with the defaults filled in. */
export interface ResolvedNames {
  readonly users: string
  readonly id: string
  readonly email: string
  readonly phoneNumber: string
  readonly status: string
  /** An SQL expression over the users row `u` giving a text[] (or NULL). */
  readonly namesOf: string
  readonly passwordHash: string
  readonly version: string | null
  readonly history: string
  readonly historyOrder: string
  readonly historyUserId: string
  readonly historyHash: string
  readonly trim: 'all' | 'none' | { readonly column: string; readonly value: string }
}

function namesExpression(names: string | readonly string[] | null | undefined): string {
  if (names === null) return 'NULL::text[]'
  if (names === undefined || typeof names === 'string') return `u.${quote(names ?? 'names')}`
  return `array_remove(ARRAY[${names.map((column) => `u.${quote(column)}::text`).join(', ')}], NULL)`
}

export function resolveNames(mapping: TableMapping = {}): ResolvedNames {
  const schema = quote(mapping.schema ?? 'public')
  const users = mapping.users ?? {}
  const history = mapping.history ?? {}
  const trim = history.trim ?? (history.table === undefined ? 'all' : 'none')
  return {
    users: `${schema}.${quote(users.table ?? 'resetkit_users')}`,
    id: quote(users.id ?? 'id'),
    email: quote(users.email ?? 'email'),
    phoneNumber: quote(users.phoneNumber ?? 'phone_number'),
    status: quote(users.status ?? 'status'),
    namesOf: namesExpression(users.names),
    passwordHash: quote(users.passwordHash ?? 'password_hash'),
    version: users.version === null ? null : quote(users.version ?? 'version'),
    history: `${schema}.${quote(history.table ?? 'resetkit_password_history')}`,
    historyOrder: quote(history.order ?? 'id'),
    historyUserId: quote(history.userId ?? 'user_id'),
    historyHash: quote(history.passwordHash ?? 'password_hash'),
    trim: typeof trim === 'string' ? trim : { column: quote(trim.column), value: trim.value },
  }
}
