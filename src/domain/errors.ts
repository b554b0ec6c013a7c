/**
 * Bad user input: the message names the input, file (and line or entry) and
 * says what to do next. main.ts and the CLI print it as it is and end the run
 * as `error`; any other error is a tailgate bug and is printed as one.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
