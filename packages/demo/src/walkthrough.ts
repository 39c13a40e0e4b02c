/** The copy-paste walkthrough printed at start-up. */
export function walkthrough(url: string): string {
  const json = "-H 'Content-Type: application/json'"
  // Basic credentials are base64(urlencode(id):urlencode(secret)); curl -u does the base64.
  const web = "-u 'demo-web:demo-web-secret%3A%25%2F%26'"
  return [
    `resetkit demo listening on ${url}`,
    '',
    '1. Ask for a code (it is printed below as a [dev-otp] line):',
    `   curl -i -X POST ${url}/otp/send ${json} ${web} -d '{"usage":"reset_password","email":"alice@example.com"}'`,
    '',
    '2. Reset with the otp_token from step 1 and the code from the [dev-otp] line:',
    `   curl -i -X POST ${url}/reset_user_password ${json} ${web} -d '{"password":"Violet-Staircase-Orbit-42","email":"alice@example.com","email_otp_token":"<otp_token>","email_otp":"<code>"}'`,
    '',
    'Public clients send only their id: -d \'{"client_id":"demo-spa", ...}\'; bearer: -H \'Authorization: Bearer demo-openid-token\'.',
    '',
    '3. Signed in (demo-openid-token is bob\'s, from his browser), change a password:',
    `   curl -i -X POST ${url}/change_user_password ${json} -H 'Authorization: Bearer demo-openid-token' -d '{"old_password":"Bob-Initial-Passw0rd!","new_password":"Copper-Kettle-Meadow-58"}'`,
    '',
  ].join('\n')
}
