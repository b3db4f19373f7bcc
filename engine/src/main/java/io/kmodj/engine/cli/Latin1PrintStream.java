package io.kmodj.engine.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The process's standard output: a print stream in ISO-8859-1 whose {@code append} calls (how the
 * dumps and the dry-run printer write, hundreds of thousands of times for a big {@code -c}) encode
 * straight into bytes instead of going through a charset encoder per call. The bytes are those of
 * the ISO-8859-1 encoder: a character above U+00FF, or a surrogate pair, becomes one {@code ?}.
 * Every other method is the plain {@link PrintStream}'s, on the same underlying stream, so output
 * keeps its order whichever method wrote it.
 */
final class Latin1PrintStream extends PrintStream {
  private final byte[] chunk = new byte[8192];

  Latin1PrintStream(OutputStream out) {
    super(out, false, StandardCharsets.ISO_8859_1);
  }

  @Override
  public PrintStream append(CharSequence csq) {
    CharSequence s = csq == null ? "null" : csq;
    synchronized (this) {
      int n = 0;
      int length = s.length();
      for (int i = 0; i < length; i++) {
        char c = s.charAt(i);
        if (c > 0xff) {
          // the encoder's replacement: one '?' for a character, or for a whole surrogate pair
          if (Character.isHighSurrogate(c)
              && i + 1 < length
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            i++;
          }
          c = '?';
        }
        chunk[n++] = (byte) c;
        if (n == chunk.length) {
          write(chunk, 0, n);
          n = 0;
        }
      }
      if (n > 0) {
        write(chunk, 0, n);
      }
    }
    return this;
  }

  @Override
  public PrintStream append(CharSequence csq, int start, int end) {
    CharSequence s = csq == null ? "null" : csq;
    return append(s.subSequence(start, end));
  }

  @Override
  public PrintStream append(char c) {
    return append(String.valueOf(c));
  }
}
