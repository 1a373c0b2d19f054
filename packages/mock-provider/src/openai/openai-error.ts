// OpenAI's error body `{"error":{"message","type","param","code"}}` for any status, and its in-stream form.
import { jsonHeaders, type MockBodyReply } from '../exchange.js'

const errorKinds: Record<number, [type: string, code: string | null, message: string]> = {
  400: ['invalid_request_error', null, 'Invalid request.'],
  401: [
    'invalid_request_error',
    'invalid_api_key',
    'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
  ],
  403: [
    'invalid_request_error',
    'unsupported_country_region_territory',
    'Country, region, or territory not supported',
  ],
  404: [
    'invalid_request_error',
    'model_not_found',
    'The model does not exist or you do not have access to it.',
  ],
  408: ['timeout', null, 'Request timed out.'],
  409: ['invalid_request_error', 'conflict', 'The request conflicts with another request.'],
  413: ['invalid_request_error', 'request_too_large', 'Request too large.'],
  422: ['invalid_request_error', null, 'Unprocessable entity.'],
  429: ['requests', 'rate_limit_exceeded', 'Rate limit reached for requests. Please try again later.'],
  500: ['server_error', null, 'The server had an error while processing your request. Sorry about that!'],
  502: ['server_error', null, 'Bad gateway.'],
  503: ['server_error', null, 'The engine is currently overloaded, please try again later.'],
  504: ['server_error', null, 'Gateway timeout.'],
}

/** The `{ error: { message, type, param, code } }` object for a status. */
export function openAiErrorObject(status: number, message?: string) {
  const [type, code, fallback] =
    errorKinds[status] ??
    (status >= 500 ? errorKinds[500]! : ['invalid_request_error', null, 'Request failed.'])
  return { error: { message: message ?? fallback, type, param: null, code } }
}

/**
 * OpenAI's error response.
 *
 * @example
 * openAiError(429).body // '{"error":{"message":"Rate limit reached…","type":"requests","param":null,"code":"rate_limit_exceeded"}}'
 */
export function openAiError(status: number, message?: string): MockBodyReply {
  return {
    status,
    headers: { ...jsonHeaders, 'x-request-id': `req_mock_${status}` },
    body: JSON.stringify(openAiErrorObject(status, message)),
  }
}

/** The error a chat-completions stream carries as a `data:` line when it fails after starting. */
export function openAiStreamError(): string {
  return `data: ${JSON.stringify(openAiErrorObject(500))}\n\n`
}
