// Loads the built module from dist/ the way the page does, handing Node the .wasm bytes
// (the web-only loader cannot read files by itself).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../../dist/', import.meta.url);

export const sharedData = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

export async function loadCore() {
  const { default: createRetentionCore } = await import(new URL('retention-core.mjs', dist));
  return createRetentionCore({ wasmBinary: readFileSync(new URL('retention-core.wasm', dist)) });
}

export function readShared(name) {
  return readFileSync(sharedData + name, 'utf8');
}
