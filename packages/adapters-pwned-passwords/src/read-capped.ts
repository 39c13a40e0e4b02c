/** The body as text, refusing more than `maxBytes`: a misbehaving server cannot make us buffer without end. */
export async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (declared > maxBytes) throw new Error(`range response of ${declared} bytes is over the ${maxBytes}-byte cap`)
  if (response.body === null) return ''
  const reader = response.body.getReader()
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let received = 0
  let text = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return text + decoder.decode()
    received += value.byteLength
    if (received > maxBytes) {
      await reader.cancel()
      throw new Error(`range response is over the ${maxBytes}-byte cap`)
    }
    text += decoder.decode(value, { stream: true })
  }
}
