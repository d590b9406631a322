// Route-schema compilers that compile each validator and serializer on its first use: fastify compiles every route's
// schemas before the server is ready (about 0.8 CPU-s for this API), most of them for routes a start never calls.
import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type Compilers = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type AnyFunction = (...args: unknown[]) => unknown;

/**
 * A function standing for `compile()`'s result, compiled at its first call or property read. fastify reads an Ajv
 * validator's `schemaEnv` (to pass the parent object, so the root can be coerced) and `errors` (after a failed
 * validation): both are read through to the compiled function.
 */
function onFirstUse<T extends AnyFunction>(compile: () => T): T {
  let compiled: T | undefined;
  const real = (): T => (compiled ??= compile());
  const stand = ((...args: unknown[]) => real()(...args)) as T;
  for (const property of ['schemaEnv', 'errors'] as const) {
    Object.defineProperty(stand, property, { get: () => (real() as unknown as Record<string, unknown>)[property], enumerable: false });
  }
  return stand;
}

/** Fastify's own compilers (the same Ajv pool and fast-json-stringify), each schema compiled when first needed. */
export function lazySchemaCompilers(): Compilers {
  const validators = AjvCompiler();
  const serializers = SerializerSelector();
  const buildValidator: typeof validators = (externalSchemas, options) => {
    const compile = validators(externalSchemas, options);
    return (route) => onFirstUse(() => compile(route) as unknown as AnyFunction) as unknown as ReturnType<typeof compile>;
  };
  return {
    buildValidator,
    buildSerializer: (externalSchemas, options) => {
      const compile = serializers(externalSchemas, options);
      return (route) => onFirstUse(() => compile(route) as unknown as AnyFunction) as unknown as ReturnType<typeof compile>;
    },
  };
}
