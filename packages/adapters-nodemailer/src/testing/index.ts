/**
 * `@resetkit/adapters-nodemailer/testing`: a local SMTP server (nodemailer's smtp-server, read
 * with mailparser) for tests of your own email setup. Needs the optional peers `smtp-server` and
 * `mailparser`.
 */
export { startLocalSmtp, type Behaviour, type LocalSmtp } from './local-smtp.js'
