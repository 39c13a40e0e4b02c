// The packages as a new team gets them: `pnpm pack` every published package, lint each tarball
// (publint --strict, attw --profile esm-only), install the tarballs with npm into a project
// outside the workspace, compile the root README's Express and Fastify examples there with tsc,
// start each and run one reset end to end over HTTP. Run by .ci/run after `pnpm test`.
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const repo = new URL('..', import.meta.url).pathname
const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' })
const step = (message) => console.log(`consumer smoke: ${message}`)

const published = readdirSync(join(repo, 'packages'))
  .map((name) => ({ dir: join(repo, 'packages', name), manifest: JSON.parse(readFileSync(join(repo, 'packages', name, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => manifest.private !== true)

const work = mkdtempSync(join(tmpdir(), 'resetkit-consumer-'))
const tarballs = join(work, 'tarballs')
mkdirSync(tarballs)
const tarballOf = new Map()
for (const { dir, manifest } of published) {
  run('pnpm', ['pack', '--pack-destination', tarballs], dir)
  const file = join(tarballs, `${manifest.name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`)
  tarballOf.set(manifest.name, file)
  run(join(repo, 'node_modules/.bin/publint'), ['run', '--strict', file], repo)
  run(join(repo, 'node_modules/.bin/attw'), [file, '--profile', 'esm-only', '--format', 'ascii'], repo)
}
step(`${published.length} packages packed; publint --strict and attw --profile esm-only pass for each`)

// The README's own code: the named blocks a new team copies.
const readme = readFileSync(join(repo, 'README.md'), 'utf8')
const block = (name) => {
  const match = new RegExp('```ts ' + name.replace('.', '\\.') + '\\n([\\s\\S]*?)\\n```').exec(readme)
  if (match === null) throw new Error(`README.md has no \`\`\`ts ${name} block`)
  return `${match[1]}\n`
}

const app = join(work, 'app')
mkdirSync(join(app, 'src'), { recursive: true })
const needed = ['@resetkit/core', '@resetkit/http', '@resetkit/server', '@resetkit/adapters-node', '@resetkit/adapters-memory', '@resetkit/adapters-express', '@resetkit/adapters-fastify']
const local = Object.fromEntries(needed.map((name) => [name, `file:${tarballOf.get(name)}`]))
writeFileSync(
  join(app, 'package.json'),
  JSON.stringify({
    name: 'consumer',
    private: true,
    type: 'module',
    dependencies: { ...local, express: '^5.1.0', fastify: '^5.6.0', pino: '^10.1.0' },
    devDependencies: { typescript: '~5.9.3', '@types/express': '^5.0.6', '@types/node': '^20.19.0' },
    // Our packages' own dependencies on each other resolve to the same tarballs.
    overrides: Object.fromEntries(needed.map((name) => [name, `$${name}`])),
  }, null, 2),
)
writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, outDir: 'dist', rootDir: 'src', types: ['node'], skipLibCheck: false } }))
for (const name of ['resetkit.ts', 'express.ts', 'fastify.ts']) writeFileSync(join(app, 'src', name), block(name))
run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], app)
run('npx', ['tsc', '-p', '.'], app)
step('tarballs installed with npm outside the workspace; the README examples compile with tsc --strict (NodeNext, skipLibCheck off)')

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })

async function resetOnce(entry) {
  const port = await freePort()
  const secret = 'smoke:secret/%&'
  const child = spawn(process.execPath, [join('dist', entry)], { cwd: app, env: { ...process.env, PORT: String(port), CLIENT_SECRET: secret }, stdio: ['ignore', 'pipe', 'inherit'] })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  try {
    const base = `http://127.0.0.1:${port}`
    const authorization = `Basic ${Buffer.from(`${encodeURIComponent('my-web-app')}:${encodeURIComponent(secret)}`).toString('base64')}`
    const post = (path, body) => fetch(`${base}${path}`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) })
    let sent
    for (let i = 0; i < 100 && sent === undefined; i++) {
      sent = await post('/otp/send', { usage: 'reset_password', email: 'alice@example.com' }).catch(() => undefined)
      if (sent === undefined) await new Promise((resolve) => setTimeout(resolve, 100))
    }
    if (sent?.status !== 200) throw new Error(`${entry}: /otp/send answered ${sent?.status}: ${await sent?.text()}`)
    const { otp_token: token } = await sent.json()
    let code
    for (let i = 0; i < 50 && code === undefined; i++) {
      code = /\[dev-otp\] to=alice@example\.com otp=(\d{6})/.exec(output)?.[1]
      if (code === undefined) await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const wrong = await post('/reset_user_password', { password: 'Violet-Staircase-Orbit-42', email: 'alice@example.com', email_otp_token: token, email_otp: code === '000000' ? '111111' : '000000' })
    const wrongBody = await wrong.text()
    if (wrong.status !== 400 || wrongBody !== '{"error":"bad_email_otp"}') throw new Error(`${entry}: a wrong code answered ${wrong.status} ${wrongBody}`)
    const reset = await post('/reset_user_password', { password: 'Violet-Staircase-Orbit-42', email: 'alice@example.com', email_otp_token: token, email_otp: code })
    const body = await reset.text()
    if (reset.status !== 200 || body !== '') throw new Error(`${entry}: the reset answered ${reset.status} ${body}`)
    for (let i = 0; i < 50 && !output.includes('"type":"password_reset_succeeded"'); i++) await new Promise((resolve) => setTimeout(resolve, 50))
    if (!output.includes('"type":"password_reset_succeeded"')) throw new Error(`${entry}: no audit line for the reset in: ${output}`)
    step(`${entry}: send → 200, wrong code → 400 bad_email_otp, reset → 200 with an empty body, audit line written`)
  } finally {
    child.kill('SIGTERM')
  }
}

await resetOnce('express.js')
await resetOnce('fastify.js')
rmSync(work, { recursive: true, force: true })
