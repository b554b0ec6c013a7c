import { InputError } from '../../src/domain/errors.js';

/** Runs `fn`, expects an InputError, and returns its message. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err instanceof Error ? err.message : '';
  }
  throw new Error('expected an InputError, got a value');
}
