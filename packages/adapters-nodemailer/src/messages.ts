import type { OtpUsage } from '@resetkit/core'

export type Locale = 'en' | 'zh-CN'

export interface RenderedMail {
  readonly subject: string
  readonly text: string
  readonly html: string
}

/** What goes into a message: only the code, its lifetime and the app's name, never the token. */
export interface CodeMessage {
  readonly appName: string
  readonly code: string
  readonly minutes: number
  readonly usage: OtpUsage
}

export interface NoticeMessage {
  readonly appName: string
  /** When the password changed. */
  readonly at: Date
}

export interface MessageTemplates {
  code(message: CodeMessage): RenderedMail
  passwordChanged(message: NoticeMessage): RenderedMail
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Every interpolated value in HTML goes through this: an app name is configuration, but still. */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character)

// Subjects and plain text carry no markup, but a newline in an interpolated value must not
// start a header or a forged paragraph.
const oneLine = (value: string): string => value.replace(/[\r\n\u2028\u2029]+/g, ' ')

const paragraphs = (lang: string, parts: readonly string[]): string =>
  `<!doctype html><html lang="${lang}"><body style="font-family:sans-serif;line-height:1.5">${parts.map((part) => `<p>${part}</p>`).join('')}</body></html>`

const PURPOSE_EN: Readonly<Record<OtpUsage, string>> = {
  reset_password: 'reset your password',
  login: 'sign in',
  signup: 'create your account',
  update_userinfo: 'change your account details',
}
const PURPOSE_ZH: Readonly<Record<OtpUsage, string>> = {
  reset_password: '重置密码',
  login: '登录',
  signup: '注册账户',
  update_userinfo: '修改账户信息',
}

const utc = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`

export const ENGLISH: MessageTemplates = {
  code: ({ appName, code, minutes, usage }) => {
    const app = oneLine(appName)
    const purpose = PURPOSE_EN[usage]
    const lines = [
      `Your ${app} code to ${purpose} is ${code}.`,
      `It expires in ${minutes} minute${minutes === 1 ? '' : 's'}. Enter it only in ${app}: we never ask for it by phone, chat or email.`,
      `If you did not ask for this code, ignore this email: nothing changes, and no one can use it without access to your inbox.`,
    ]
    return {
      subject: `Your ${app} code to ${purpose}`,
      text: `${lines.join('\n\n')}\n`,
      html: paragraphs('en', [
        `Your ${escapeHtml(app)} code to ${purpose} is <strong style="font-size:1.4em;letter-spacing:0.1em">${escapeHtml(code)}</strong>.`,
        escapeHtml(lines[1] ?? ''),
        escapeHtml(lines[2] ?? ''),
      ]),
    }
  },
  passwordChanged: ({ appName, at }) => {
    const app = oneLine(appName)
    const lines = [
      `The password of your ${app} account was changed on ${utc(at)}.`,
      'If this was you, there is nothing to do.',
      `If it was not, reset your password now and contact ${app} support: someone else may have access to your email.`,
    ]
    return { subject: `Your ${app} password was changed`, text: `${lines.join('\n\n')}\n`, html: paragraphs('en', lines.map(escapeHtml)) }
  },
}

export const SIMPLIFIED_CHINESE: MessageTemplates = {
  code: ({ appName, code, minutes, usage }) => {
    const app = oneLine(appName)
    const purpose = PURPOSE_ZH[usage]
    const lines = [
      `您正在${purpose}，${app}验证码为 ${code}。`,
      `验证码 ${minutes} 分钟内有效。请仅在${app}中输入，我们不会通过电话、聊天或邮件向您索取验证码。`,
      '如果这不是您本人的操作，请忽略此邮件，您的账户不会有任何变化。',
    ]
    return {
      subject: `${app}${purpose}验证码`,
      text: `${lines.join('\n\n')}\n`,
      html: paragraphs('zh-CN', [
        `您正在${purpose}，${escapeHtml(app)}验证码为 <strong style="font-size:1.4em;letter-spacing:0.1em">${escapeHtml(code)}</strong>。`,
        escapeHtml(lines[1] ?? ''),
        escapeHtml(lines[2] ?? ''),
      ]),
    }
  },
  passwordChanged: ({ appName, at }) => {
    const app = oneLine(appName)
    const lines = [`您的${app}账户密码已于 ${utc(at)} 修改。`, '如果是您本人操作，无需处理。', `如果不是，请立即重置密码并联系${app}客服：他人可能已能访问您的邮箱。`]
    return { subject: `您的${app}密码已修改`, text: `${lines.join('\n\n')}\n`, html: paragraphs('zh-CN', lines.map(escapeHtml)) }
  },
}

export const TEMPLATES: Readonly<Record<Locale, MessageTemplates>> = { en: ENGLISH, 'zh-CN': SIMPLIFIED_CHINESE }

/** The locale a BCP 47 tag asks for, if we have it: any `zh-*` is Simplified Chinese here (the closest we have for Traditional too), `en-*` English. */
export function localeOfTag(tag: string | undefined): Locale | undefined {
  if (tag === undefined) return undefined
  const lower = tag.toLowerCase()
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN'
  if (lower === 'en' || lower.startsWith('en-')) return 'en'
  return undefined
}
