// binary-parser's package "exports" map points ESM imports at a file without type
// declarations; its typings ship next to the CommonJS build.
declare module 'binary-parser' {
  export * from 'binary-parser/dist/binary_parser.js';
}
