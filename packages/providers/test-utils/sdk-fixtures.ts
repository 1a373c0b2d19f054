// Test helper: the tool definitions and request pieces the SDK compatibility tests share.
import { generateKeyPairSync } from 'node:crypto'

/** A one-parameter function tool in OpenAI Chat's shape. */
export const chatWeatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather of a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    },
  },
}

/** The same tool in Anthropic Messages' shape. */
export const anthropicWeatherTool = {
  name: 'get_weather',
  description: 'Current weather of a city',
  input_schema: {
    type: 'object' as const,
    properties: { city: { type: 'string' } },
    required: ['city'],
  },
}

/** The same tool in the Responses API's shape. */
export const responsesWeatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Current weather of a city',
  parameters: chatWeatherTool.function.parameters,
  strict: false,
}

/** Test AWS credentials (the documentation's example pair; nothing real). */
export const testAwsCredentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
}

/**
 * A fresh RSA key (generated per test run, never stored): its public PEM for the mock's
 * `vertexPublicKey`, and the service-account key file pointing at a token endpoint.
 */
export function createTestServiceAccount(): {
  publicKeyPem: string
  serviceAccountFor(tokenUri: string): Record<string, string>
} {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  return {
    publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    serviceAccountFor: (tokenUri) => ({
      type: 'service_account',
      client_email: 'gateway-test@test-project.iam.gserviceaccount.com',
      private_key: privateKey,
      token_uri: tokenUri,
    }),
  }
}
