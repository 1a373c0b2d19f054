import { generateKeyPairSync } from 'node:crypto'
import type { MockProvider } from '@gw/mock-provider'
import { startMockProvider } from '@gw/mock-provider'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { defaultTokenUri, parseGoogleCredentials, parseServiceAccount } from './service-account.js'
import { cloudPlatformScope, createVertexTokenSource } from './token-source.js'

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 })
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 })
const pem = (key: typeof keys.privateKey) => key.export({ type: 'pkcs8', format: 'pem' }).toString()
const publicKey = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString()

describe('Vertex token source against the mock /token', () => {
  let mock: MockProvider
  let clock: number
  const now = () => clock
  const account = (privateKey = pem(keys.privateKey)) => ({
    type: 'service_account',
    client_email: 'gateway@my-project.iam.gserviceaccount.com',
    private_key: privateKey,
    private_key_id: 'key-1',
    token_uri: `${mock.url}/token`,
  })
  const tokenRequests = () => mock.requests.filter((recorded) => recorded.operation === 'token')

  beforeAll(async () => {
    mock = await startMockProvider({ vertexPublicKey: publicKey })
  })
  beforeEach(() => {
    mock.reset()
    clock = Date.now()
  })
  afterAll(() => mock.close())

  it('exchanges authorized_user credentials with the refresh-token grant', async () => {
    const user = {
      type: 'authorized_user',
      client_id: 'gateway.apps.googleusercontent.com',
      client_secret: 'client-secret',
      refresh_token: '1//refresh-token',
      token_uri: `${mock.url}/token`,
    }
    const tokens = createVertexTokenSource({ credentials: user, now })
    expect(await tokens.getToken()).toMatch(/^ya29\.mock-/)
    const form = new URLSearchParams(tokenRequests()[0]!.body.toString('utf8'))
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'refresh_token',
      client_id: 'gateway.apps.googleusercontent.com',
      client_secret: 'client-secret',
      refresh_token: '1//refresh-token',
    })
  })

  it('exchanges a signed RS256 assertion for an access token the mock issued', async () => {
    const tokens = createVertexTokenSource({ credentials: JSON.stringify(account()), now })
    expect(await tokens.getToken()).toMatch(/^ya29\.mock-/)
    const form = new URLSearchParams(tokenRequests()[0]!.body.toString('utf8'))
    expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer')
    const assertion = form.get('assertion')!
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'key-1' })
    const issuedAt = Math.floor(clock / 1000)
    expect(decodeJwt(assertion)).toEqual({
      iss: 'gateway@my-project.iam.gserviceaccount.com',
      aud: `${mock.url}/token`,
      scope: cloudPlatformScope,
      iat: issuedAt,
      exp: issuedAt + 3600,
    })
  })

  it('caches the token and refreshes it 60 s before it expires', async () => {
    const tokens = createVertexTokenSource({ credentials: account(), now })
    const first = await tokens.getToken()
    clock += (3599 - 61) * 1000
    expect(await tokens.getToken()).toBe(first)
    expect(tokenRequests()).toHaveLength(1)
    clock += 1000
    const second = await tokens.getToken()
    expect(second).not.toBe(first)
    expect(tokenRequests()).toHaveLength(2)
    expect(await tokens.getToken()).toBe(second)
  })

  it('shares one refresh between concurrent callers', async () => {
    const tokens = createVertexTokenSource({ credentials: account(), now })
    const results = await Promise.all(Array.from({ length: 8 }, () => tokens.getToken()))
    expect(new Set(results).size).toBe(1)
    expect(tokenRequests()).toHaveLength(1)
    tokens.invalidate()
    expect(await tokens.getToken()).not.toBe(results[0])
    expect(tokenRequests()).toHaveLength(2)
  })

  it('fails with provider_error and Google OAuth reason when the key is not the registered one, then retries', async () => {
    const tokens = createVertexTokenSource({ credentials: account(pem(otherKeys.privateKey)), now })
    await expect(tokens.getToken()).rejects.toMatchObject({
      code: 'provider_error',
      status: 502,
      retryable: false,
      message: 'Vertex AI token request failed (HTTP 400): invalid_grant: Invalid JWT Signature.',
    })
    await expect(tokens.getToken()).rejects.toMatchObject({ code: 'provider_error' })
    expect(tokenRequests()).toHaveLength(2)
  })
})

describe('parseServiceAccount', () => {
  it('checks the fields the grant needs without echoing the key', () => {
    const key = pem(keys.privateKey)
    expect(parseServiceAccount({ client_email: 'a@b', private_key: key })).toEqual({
      clientEmail: 'a@b',
      privateKey: key,
      tokenUri: 'https://oauth2.googleapis.com/token',
    })
    expect(() => parseServiceAccount('{not json')).toThrow('not valid JSON')
    expect(() => parseServiceAccount({ private_key: key })).toThrow('lacks client_email')
    expect(() => parseServiceAccount({ client_email: 'a@b', private_key: 'secret' })).toThrow(
      'lacks a PEM private_key',
    )
    expect(() =>
      parseServiceAccount({ type: 'authorized_user', client_email: 'a@b', private_key: key }),
    ).toThrow('authorized_user')
  })

  it('reads authorized_user credentials and names a missing field, never a secret', () => {
    const user = {
      type: 'authorized_user',
      client_id: 'cid',
      client_secret: 'shh-secret',
      refresh_token: '1//r',
    }
    expect(parseGoogleCredentials(JSON.stringify(user))).toEqual({
      type: 'authorized_user',
      user: { clientId: 'cid', clientSecret: 'shh-secret', refreshToken: '1//r', tokenUri: defaultTokenUri },
      tokenUri: defaultTokenUri,
    })
    const { refresh_token: _missing, ...incomplete } = user
    expect(() => parseGoogleCredentials(incomplete)).toThrow('lack refresh_token')
    expect(() => parseGoogleCredentials({ ...user, type: 'external_account' })).toThrow(/external_account/)
  })

  it('rejects a PEM that is not a PKCS#8 RSA key when a token is first needed', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString()
    const tokens = createVertexTokenSource({
      credentials: { client_email: 'a@b', private_key: ec, token_uri: 'http://127.0.0.1:9/token' },
    })
    await expect(tokens.getToken()).rejects.toMatchObject({
      code: 'provider_error',
      message: expect.stringContaining('PKCS#8 RSA'),
    })
  })
})
