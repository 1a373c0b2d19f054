import { describe, expect, it } from 'vitest'
import { cleanGeminiSchema } from './schema.js'

describe('cleanGeminiSchema', () => {
  it('drops keywords outside the OpenAPI subset, keeping the ones Gemini reads', () => {
    expect(
      cleanGeminiSchema({
        $schema: 'http://json-schema.org/draft-07/schema#',
        title: 'Args',
        type: 'object',
        additionalProperties: false,
        properties: {
          q: {
            type: 'string',
            minLength: 1,
            maxLength: 9,
            pattern: '^a',
            examples: ['a'],
            description: 'query',
          },
          n: { type: 'integer', minimum: 1, maximum: 5, exclusiveMinimum: 0, multipleOf: 1, default: 2 },
          tags: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
        },
        required: ['q'],
      }),
    ).toEqual({
      type: 'object',
      properties: {
        q: { type: 'string', minLength: 1, maxLength: 9, pattern: '^a', description: 'query' },
        n: { type: 'integer', minimum: 1, maximum: 5, default: 2 },
        tags: { type: 'array', items: { type: 'string' }, minItems: 1 },
      },
      required: ['q'],
    })
  })

  it('turns nullable type lists and null branches into nullable, and oneOf into anyOf', () => {
    expect(cleanGeminiSchema({ type: ['string', 'null'] })).toEqual({ type: 'string', nullable: true })
    expect(cleanGeminiSchema({ anyOf: [{ type: 'number' }, { type: 'null' }] })).toEqual({
      type: 'number',
      nullable: true,
    })
    expect(cleanGeminiSchema({ oneOf: [{ type: 'string' }, { type: 'integer' }] })).toEqual({
      anyOf: [{ type: 'string' }, { type: 'integer' }],
    })
    expect(cleanGeminiSchema({ type: ['string', 'integer'], description: 'id' })).toEqual({
      anyOf: [
        { type: 'string', description: 'id' },
        { type: 'integer', description: 'id' },
      ],
    })
  })

  it('inlines local references and cuts recursive ones to a plain object', () => {
    const schema = {
      type: 'object',
      $defs: {
        node: { type: 'object', properties: { child: { $ref: '#/$defs/node' }, name: { type: 'string' } } },
      },
      properties: { root: { $ref: '#/$defs/node', description: 'the tree' } },
    }
    expect(cleanGeminiSchema(schema)).toEqual({
      type: 'object',
      properties: {
        root: {
          type: 'object',
          description: 'the tree',
          properties: { child: { type: 'object' }, name: { type: 'string' } },
        },
      },
    })
  })

  it('merges allOf, maps const, keeps string enums and moves other enums into the description', () => {
    expect(
      cleanGeminiSchema({
        allOf: [
          { type: 'object', properties: { a: { const: 'x' } }, required: ['a'] },
          {
            properties: { b: { type: 'integer', enum: [1, 2], description: 'Level.' } },
            required: ['b', 'zz'],
          },
        ],
      }),
    ).toEqual({
      type: 'object',
      properties: {
        a: { type: 'string', enum: ['x'] },
        b: { type: 'integer', description: 'Level. Allowed values: 1, 2.' },
      },
      required: ['a', 'b'],
    })
    expect(cleanGeminiSchema({ enum: ['a', null] })).toEqual({ type: 'string', enum: ['a'], nullable: true })
  })

  it('keeps only the formats Gemini supports and removes empty properties', () => {
    expect(cleanGeminiSchema({ type: 'string', format: 'email' })).toEqual({ type: 'string' })
    expect(cleanGeminiSchema({ type: 'string', format: 'date-time' })).toEqual({
      type: 'string',
      format: 'date-time',
    })
    expect(cleanGeminiSchema({ type: 'integer', format: 'int64' })).toEqual({
      type: 'integer',
      format: 'int64',
    })
    expect(cleanGeminiSchema({ type: 'object', properties: {}, required: [] })).toEqual({ type: 'object' })
  })
})
