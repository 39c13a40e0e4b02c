export { createPwnedPasswordsChecker, type PwnedPasswordsOptions } from './pwned-passwords.js'
