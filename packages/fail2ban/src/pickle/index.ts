export {
  type DecodeOptions,
  type DecodeResult,
  decodePickle,
  decodePickleWithLength,
} from './decoder.ts';
export { encodePickle, type PickleProtocol } from './encoder.ts';
export { PickleError, type PickleErrorCode } from './pickle-error.ts';
export {
  isPyOpaque,
  isPyTuple,
  type PyDict,
  type PyInput,
  type PyOpaque,
  type PyTuple,
  type PyValue,
  pyTuple,
} from './types.ts';
