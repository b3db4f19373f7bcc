package io.kmodj.grammar.modulesconf;

import io.kmodj.grammar.diag.Span;
import java.util.Objects;
import java.util.Optional;

/**
 * The expression of an {@code if} or {@code elseif} line, as modutils' config.c reads it
 * (modules-conf-reference.md 5.2). Operands are unexpanded; evaluating them is the engine's job.
 */
public sealed interface Condition {

  /** Where the expression stands. */
  Span span();

  /**
   * {@code WORD} (or {@code -n WORD}): false when the expansion fails, is empty, {@code 0} or
   * {@code false}.
   *
   * @param span the expression
   * @param numeric whether {@code -n} came first (it changes nothing without an operator)
   * @param word the word (empty for a bare {@code if})
   */
  record Truth(Span span, boolean numeric, ShellWord word) implements Condition {
    public Truth {
      Objects.requireNonNull(span, "span");
      Objects.requireNonNull(word, "word");
    }
  }

  /**
   * {@code [-n] LEFT OP RIGHT}: a string comparison, or a numeric one (C {@code strtol}, base 0)
   * after {@code -n}.
   *
   * @param span the expression
   * @param numeric whether {@code -n} came first
   * @param left the left operand
   * @param operator the operator as written; see {@link #op()}
   * @param right everything after the operator (modutils expands it and takes the first word)
   */
  record Compare(Span span, boolean numeric, ShellWord left, ShellWord operator, ShellWord right)
      implements Condition {
    public Compare {
      Objects.requireNonNull(span, "span");
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(right, "right");
    }

    /** The operator; empty for a word modutils does not know (the test is then false). */
    public Optional<CompareOp> op() {
      return CompareOp.of(operator.raw());
    }
  }

  /** A comparison operator. */
  enum CompareOp {
    EQ,
    NE,
    LT,
    LE,
    GE,
    GT;

    /** The operator written {@code text}: {@code ==} (or {@code =}), {@code !=}, {@code <}… */
    public static Optional<CompareOp> of(String text) {
      return switch (text) {
        case "==", "=" -> Optional.of(EQ);
        case "!=" -> Optional.of(NE);
        case "<" -> Optional.of(LT);
        case "<=" -> Optional.of(LE);
        case ">=" -> Optional.of(GE);
        case ">" -> Optional.of(GT);
        default -> Optional.empty();
      };
    }
  }

  /**
   * {@code -f FILE}: FILE is readable.
   *
   * @param span the expression
   * @param file the file (empty when missing)
   */
  record FileTest(Span span, ShellWord file) implements Condition {
    public FileTest {
      Objects.requireNonNull(span, "span");
      Objects.requireNonNull(file, "file");
    }
  }

  /**
   * {@code -k}: modprobe was called with {@code -k} (by the kernel's kmod).
   *
   * @param span the expression
   */
  record Autoclean(Span span) implements Condition {
    public Autoclean {
      Objects.requireNonNull(span, "span");
    }
  }

  /**
   * {@code ! EXPR}. modutils ignores the negation of {@code -k}; the engine decides whether to.
   *
   * @param span the expression, {@code !} included
   * @param operand the negated test, never itself a negation (modutils reads one {@code !})
   */
  record Not(Span span, Condition operand) implements Condition {
    public Not {
      Objects.requireNonNull(span, "span");
      Objects.requireNonNull(operand, "operand");
      if (operand instanceof Not) {
        throw new IllegalArgumentException("modutils reads a single '!'");
      }
    }
  }
}
