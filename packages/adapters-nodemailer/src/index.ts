export { createEmailDelivery, type EmailDelivery, type EmailDeliveryOptions, type MailTransport } from './email-delivery.js'
export { ENGLISH, escapeHtml, localeOfTag, SIMPLIFIED_CHINESE, TEMPLATES, type CodeMessage, type Locale, type MessageTemplates, type NoticeMessage, type RenderedMail } from './messages.js'
export { smtpFailure } from './smtp-errors.js'
