import { basicAuth, GOOD_PASSWORD, makeHttpWorld, WEB_CLIENT } from '@resetkit/testing/http'
import express, { type Express } from 'express'
import express4 from 'express4'
import { createServer, IncomingMessage, ServerResponse, type IncomingMessage as Request, type ServerResponse as Response } from 'node:http'
import request from 'supertest'
import { describe, expect, it } from 'vitest'
import { createResetkitRouter, expressServerOptions } from '../src/index.js'

const WEB_AUTH = basicAuth(WEB_CLIENT.id, WEB_CLIENT.secret)
const express4Host = express4 as unknown as () => Express

/** A host app using what Express gives a route: params, query, a mounted sub-app, locals, statuses. */
async function hostApp(make: () => Express) {
  const world = await makeHttpWorld()
  const app = make()
  app.use((_req, res, next) => {
    res.locals['seen'] = 'by the first middleware'
    next()
  })
  app.use(createResetkitRouter(world.deps))
  app.use(express.json())
  app.post('/items/:id', (req, res) => {
    res.status(201).json({ params: req.params, query: req.query, body: req.body as unknown, locals: res.locals, route: (req.route as { path?: string } | undefined)?.path })
  })
  const sub = make()
  sub.get('/where', (req, res) => {
    res.json({ baseUrl: req.baseUrl, originalUrl: req.originalUrl, path: req.path })
  })
  app.use('/sub', sub)
  return { app, world }
}

/** The same app behind a node:http server with the options, and each exchange's own keys of req and res. */
function served(app: Express) {
  const added: { req: PropertyKey[]; res: PropertyKey[] }[] = []
  const server = createServer(expressServerOptions(), (req: Request, res: Response) => {
    const before = { req: Reflect.ownKeys(req), res: Reflect.ownKeys(res) }
    res.on('finish', () => {
      added.push({ req: Reflect.ownKeys(req).filter((key) => !before.req.includes(key)), res: Reflect.ownKeys(res).filter((key) => !before.res.includes(key)) })
    })
    app(req, res)
  })
  return { server, added }
}

describe.each([
  ['Express 5', express],
  ['Express 4', express4Host],
])('an %s app on a server with expressServerOptions()', (_name, make) => {
  it('serves send → reset, and the host’s routes see params, query, body, locals, a sub-app’s paths and a 404 as without them', async () => {
    const { app, world } = await hostApp(make)
    const { server } = served(app)
    const sent = await request(server).post('/otp/send').set('authorization', WEB_AUTH).send({ usage: 'reset_password', email: 'alice@example.com' })
    expect(sent.status).toBe(200)
    const code = world.sender.lastCodeFor('alice@example.com') ?? ''
    const reset = await request(server)
      .post('/reset_user_password')
      .set('authorization', WEB_AUTH)
      .send({ password: GOOD_PASSWORD, email: 'alice@example.com', email_otp_token: sent.body.otp_token as string, email_otp: code })
    expect([reset.status, reset.text]).toEqual([200, ''])

    const item = await request(server).post('/items/42?color=red').send({ a: 1 })
    expect([item.status, item.body]).toEqual([201, { params: { id: '42' }, query: { color: 'red' }, body: { a: 1 }, locals: { seen: 'by the first middleware' }, route: '/items/:id' }])
    expect((await request(server).get('/sub/where?x=1')).body).toEqual({ baseUrl: '/sub', originalUrl: '/sub/where?x=1', path: '/where' })
    expect((await request(server).get('/nowhere')).status).toBe(404)
  })

  it('gives requests and responses Node’s own classes beneath Express’s prototypes', async () => {
    const { app } = await hostApp(make)
    const seen: [unknown, unknown][] = []
    app.use((req, res) => {
      seen.push([req, res])
      res.end()
    })
    const server = createServer(expressServerOptions(), app)
    await request(server).get('/anything')
    const [req, res] = seen[0] ?? []
    expect([req instanceof IncomingMessage, res instanceof ServerResponse]).toEqual([true, true])
    expect([Object.getPrototypeOf(req), Object.getPrototypeOf(res)]).toEqual([app.request, app.response])
  })
})

// What the options are for: on Node 20's V8 a field added after Express swaps the prototypes
// gives that one object a map of its own. So no exchange may gain a field after construction.
describe('with Express 5 and its router', () => {
  it('a request or response gains no field after construction, on resetkit’s paths or the host’s', async () => {
    const { app, world } = await hostApp(express)
    const { server, added } = served(app)
    const sent = await request(server).post('/otp/send').set('authorization', WEB_AUTH).send({ usage: 'reset_password', email: 'alice@example.com' })
    const code = world.sender.lastCodeFor('alice@example.com') ?? ''
    await request(server)
      .post('/reset_user_password')
      .set('authorization', WEB_AUTH)
      .send({ password: GOOD_PASSWORD, email: 'alice@example.com', email_otp_token: sent.body.otp_token as string, email_otp: code })
    await request(server).post('/reset_user_password').set('authorization', WEB_AUTH).send({ email: 'alice@example.com' })
    await request(server).post('/items/7?q=1').send({ b: 2 })
    await request(server).get('/sub/where')
    await request(server).get('/nowhere')
    expect(added).toEqual(Array.from({ length: 6 }, () => ({ req: [], res: [] })))
  })

  it('without the options, the same exchanges do gain fields (what the test above would miss if they stopped)', async () => {
    const { app } = await hostApp(express)
    const added: PropertyKey[][] = []
    const server = createServer((req, res) => {
      const before = Reflect.ownKeys(req)
      res.on('finish', () => added.push(Reflect.ownKeys(req).filter((key) => !before.includes(key))))
      app(req, res)
    })
    await request(server).get('/sub/where')
    expect(added[0]).toEqual(expect.arrayContaining(['next', 'baseUrl', 'originalUrl', 'params']))
  })
})
