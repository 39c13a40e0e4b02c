export { createPostgresUserStore, type PostgresUserStoreOptions } from './user-store.js'
export { migrate, MIGRATIONS } from './migrate.js'
export { insertUsers } from './seed.js'
export type { TableMapping } from './names.js'
