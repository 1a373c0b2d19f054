// Test data: the same weather conversation (system, image, parallel tool calls, tool results,
// structured output, sampling and reasoning settings) in each client wire's request shape.

const weatherSchema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }
const answerSchema = { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] }
const png = 'iVBORw0KGgo='

/** OpenAI Chat body. */
export const chatBody = {
  model: 'gpt-4o',
  messages: [
    { role: 'system', content: 'You are a weather bot.' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Weather in Paris and Rome? Here is a map.' },
        { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } },
        { type: 'image_url', image_url: { url: 'https://example.com/map.png', detail: 'high' } },
      ],
    },
    {
      role: 'assistant',
      content: 'Checking both.',
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
      ],
    },
    { role: 'tool', tool_call_id: 'call_1', content: 'Sunny, 24C' },
    { role: 'tool', tool_call_id: 'call_2', content: 'Rain, 18C' },
    { role: 'user', content: 'Summarise.' },
  ],
  tools: [
    {
      type: 'function',
      function: { name: 'get_weather', description: 'Weather for a city', parameters: weatherSchema },
    },
  ],
  tool_choice: 'auto',
  parallel_tool_calls: true,
  response_format: {
    type: 'json_schema',
    json_schema: { name: 'answer', schema: answerSchema, strict: true },
  },
  stop: ['END'],
  temperature: 0.5,
  top_p: 0.9,
  max_completion_tokens: 20000,
  reasoning_effort: 'medium',
  user: 'user-42',
}

/** Anthropic Messages body. */
export const anthropicBody = {
  model: 'claude-sonnet-4-5',
  system: [{ type: 'text', text: 'You are a weather bot.', cache_control: { type: 'ephemeral' } }],
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Weather in Paris and Rome? Here is a map.' },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } },
        { type: 'image', source: { type: 'url', url: 'https://example.com/map.png' } },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'Two cities.', signature: 'sig-1' },
        { type: 'text', text: 'Checking both.' },
        { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Rome' } },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_1', content: 'Sunny, 24C' },
        {
          type: 'tool_result',
          tool_use_id: 'toolu_2',
          content: [{ type: 'text', text: 'Rain, 18C' }],
          is_error: false,
        },
        { type: 'text', text: 'Summarise.' },
      ],
    },
  ],
  tools: [{ name: 'get_weather', description: 'Weather for a city', input_schema: weatherSchema }],
  tool_choice: { type: 'auto' },
  output_config: { format: { type: 'json_schema', schema: answerSchema } },
  stop_sequences: ['END'],
  temperature: 0.5,
  max_tokens: 20000,
  thinking: { type: 'enabled', budget_tokens: 4096 },
  metadata: { user_id: 'user-42' },
}

/** OpenAI Responses body (as Codex sends one). */
export const responsesBody = {
  model: 'gpt-5',
  instructions: 'You are a weather bot.',
  input: [
    {
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_text', text: 'Weather in Paris and Rome? Here is a map.' },
        { type: 'input_image', image_url: `data:image/png;base64,${png}`, detail: 'auto' },
        { type: 'input_image', image_url: 'https://example.com/map.png', detail: 'high' },
      ],
    },
    {
      type: 'reasoning',
      id: 'rs_1',
      summary: [{ type: 'summary_text', text: 'Two cities.' }],
      encrypted_content: 'sig-1',
    },
    { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Checking both.' }] },
    { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
    { type: 'function_call', call_id: 'call_2', name: 'get_weather', arguments: '{"city":"Rome"}' },
    { type: 'function_call_output', call_id: 'call_1', output: 'Sunny, 24C' },
    { type: 'function_call_output', call_id: 'call_2', output: 'Rain, 18C' },
    { type: 'message', role: 'user', content: 'Summarise.' },
  ],
  tools: [
    {
      type: 'function',
      name: 'get_weather',
      description: 'Weather for a city',
      parameters: weatherSchema,
      strict: false,
    },
  ],
  tool_choice: 'auto',
  parallel_tool_calls: true,
  text: { format: { type: 'json_schema', name: 'answer', schema: answerSchema, strict: true } },
  temperature: 0.5,
  top_p: 0.9,
  max_output_tokens: 20000,
  reasoning: { effort: 'medium', summary: 'auto' },
  store: false,
  include: ['reasoning.encrypted_content'],
  stream: true,
}

export { answerSchema, png, weatherSchema }
