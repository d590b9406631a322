// One set of route-schema compilers for every app a test process builds: fastify compiles each app's validators and
// serializers afresh (about 0.3 s of CPU an app), while the test apps all share the same schema objects.
import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { BuildAppOptions } from '../../../api/app.js';

type Compilers = NonNullable<BuildAppOptions['schemaCompilers']>;
type BuildSerializer = NonNullable<Compilers['buildSerializer']>;
type SerializerCompiler = ReturnType<BuildSerializer>;

/**
 * Serializers cached by schema object: fast-json-stringify has no cache of its own. One cache per set of shared
 * schemas and options, as @fastify/ajv-compiler pools its Ajv instances (whose compile cache is keyed by schema object).
 */
function cachingSerializers(): BuildSerializer {
  const build = SerializerSelector();
  const pools = new Map<string, SerializerCompiler>();
  return (externalSchemas, options) => {
    const key = JSON.stringify([externalSchemas, options]);
    let compiler = pools.get(key);
    if (!compiler) {
      const compile = build(externalSchemas, options);
      const cache = new WeakMap<object, ReturnType<SerializerCompiler>>();
      compiler = (route) => {
        const schema = route.schema;
        if (typeof schema !== 'object' || schema === null) return compile(route);
        let serializer = cache.get(schema);
        if (!serializer) cache.set(schema, (serializer = compile(route)));
        return serializer;
      };
      pools.set(key, compiler);
    }
    return compiler;
  };
}

/** Kept on globalThis: test files share a process (and its compiled schemas) without sharing module instances. */
const KEY = Symbol.for('jejaring.test.schemaCompilers');

/** The process's shared compilers, for `buildApp({ schemaCompilers })`. */
export function sharedSchemaCompilers(): Compilers {
  const holder = globalThis as { [KEY]?: Compilers };
  holder[KEY] ??= { buildValidator: AjvCompiler(), buildSerializer: cachingSerializers() };
  return holder[KEY];
}
