package io.kmodj.grammar.modulesconf;

import io.kmodj.grammar.diag.Span;
import io.kmodj.grammar.text.Word;
import java.util.List;
import java.util.Objects;

/**
 * A word of a modules.conf line as written, before any expansion: quotes, {@code $VAR} and
 * backquotes are kept in {@link #raw()}, and {@link #parts()} says what each piece is so the engine
 * can expand it (modules-conf-reference.md 3). Continued lines are already joined.
 *
 * <p>modutils' shell step wraps the whole text in double quotes, so it expands variables and
 * backquotes even inside single quotes; the parts of a {@link Part.Quoted} therefore list them too,
 * and an engine that wants POSIX quoting skips them inside {@code '…'}.
 *
 * @param raw the word as written (may hold blanks inside quotes, or be a whole rest of line)
 * @param span where it stands
 * @param parts its pieces, in order; empty for an empty word
 */
public record ShellWord(String raw, Span span, List<Part> parts) {
  public ShellWord {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(span, "span");
    parts = List.copyOf(parts);
  }

  /** Whether nothing was written. */
  public boolean isEmpty() {
    return raw.isEmpty();
  }

  /** Whether the word is plain text: nothing to expand, no quotes. */
  public boolean isLiteral() {
    return parts.stream().allMatch(p -> p instanceof Part.Literal);
  }

  /** The shared {@link Word} form (the raw text and the span). */
  public Word toWord() {
    return new Word(raw, span);
  }

  @Override
  public String toString() {
    return raw;
  }

  /** A piece of a word. */
  public sealed interface Part {
    /** Where the piece stands. */
    Span span();

    /**
     * Text taken as it is.
     *
     * @param span where it stands
     * @param text the text
     */
    record Literal(Span span, String text) implements Part {
      public Literal {
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(text, "text");
      }
    }

    /**
     * {@code $NAME} or {@code ${NAME}}: a variable set by {@code define} or the environment.
     *
     * @param span where it stands
     * @param name the variable's name
     * @param braced whether it was written {@code ${NAME}}
     */
    record Variable(Span span, String name, boolean braced) implements Part {
      public Variable {
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(name, "name");
      }
    }

    /**
     * {@code `COMMAND`} or {@code $(COMMAND)}: replaced by the command's output when the engine
     * allows it ({@code uname -r} and {@code kernelversion} are answered without running anything).
     *
     * @param span where it stands
     * @param command the command between the delimiters
     * @param backquoted whether it was written with backquotes (else {@code $(…)})
     * @param closed whether the closing delimiter was there
     */
    record Substitution(Span span, String command, boolean backquoted, boolean closed)
        implements Part {
      public Substitution {
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(command, "command");
      }
    }

    /**
     * {@code '…'} or {@code "…"}: blanks inside do not split the word.
     *
     * @param span where it stands, quotes included
     * @param quote the quote character
     * @param parts the pieces between the quotes
     * @param closed whether the closing quote was there (modutils read past its buffer otherwise)
     */
    record Quoted(Span span, char quote, List<Part> parts, boolean closed) implements Part {
      public Quoted {
        Objects.requireNonNull(span, "span");
        if (quote != '\'' && quote != '"') {
          throw new IllegalArgumentException("not a quote: " + quote);
        }
        parts = List.copyOf(parts);
      }
    }
  }
}
