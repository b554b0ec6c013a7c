import type { ObservationSink } from '../domain/observation.js';
import type { ByteSource } from '../domain/byte-source.js';
import type { MappingOptions } from '../domain/mapping.js';

/** What a reader reports back about one file. */
export interface ReadSummary {
  /** Rows (samples, attempts, lines) read from the file, usable or excluded. */
  rows: number;
}

/**
 * One artifact format. `detect` is structural: it looks at the file name and
 * the first bytes, never at the whole file. `read` streams or bounded-reads the
 * file and calls the sink; it throws {@link InputError} naming file and line
 * (or zip entry) on malformed input.
 */
export interface FormatReader {
  id: string;
  /** One line for docs and error messages. */
  description: string;
  detect(head: Buffer, name: string): boolean;
  read(file: ByteSource, options: MappingOptions, sink: ObservationSink): Promise<ReadSummary>;
}
