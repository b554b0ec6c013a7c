/**
 * Frees a large buffer's memory now instead of whenever the garbage collector
 * gets to it. A 256 MiB zip entry or JSON log that has been read lives long
 * enough to reach V8's old generation, so without this its memory would stay
 * resident through the forecast that follows, on top of everything the
 * forecast allocates. Transferring the ArrayBuffer into a clone detaches it
 * (the buffer reads as empty from then on) and hands its memory to an object
 * that is garbage at once, which the next minor collection frees.
 *
 * Only a buffer that owns its whole ArrayBuffer is released: a small Buffer
 * is a slice of Node's shared pool, and detaching that would empty its
 * neighbours. Call it only when nothing else holds the bytes.
 */
export function release(bytes: Uint8Array): void {
  const backing = bytes.buffer;
  if (!isArrayBuffer(backing) || bytes.byteOffset !== 0 || bytes.byteLength !== backing.byteLength) return;
  structuredClone(backing, { transfer: [backing] });
}

/** Tagged by toString rather than instanceof: Buffers made inside Node come from another realm under jest. */
function isArrayBuffer(backing: ArrayBufferLike): backing is ArrayBuffer {
  return Object.prototype.toString.call(backing) === '[object ArrayBuffer]';
}
