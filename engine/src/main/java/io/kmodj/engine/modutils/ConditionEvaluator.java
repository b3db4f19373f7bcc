package io.kmodj.engine.modutils;

import io.kmodj.grammar.modulesconf.Condition;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Decides an {@code if}/{@code elseif} expression as modutils 2.4 did: a word is false when it
 * expands to nothing, {@code 0} or {@code false}; {@code == != < <= > >=} compare strings byte by
 * byte ({@code 10 < 9} is true) or, after {@code -n}, numbers read as C's {@code strtol(s, 0)}
 * reads them (hex, octal, garbage is 0); {@code -f FILE} is true for a readable file; {@code -k} is
 * true when modprobe runs with {@code -k}; {@code !} negates, except {@code -k} (modutils ignored
 * the negation there, a harmless bug kept for compatibility).
 */
public final class ConditionEvaluator {
  private final WordExpander expander;
  private final boolean autoclean;

  /**
   * An evaluator.
   *
   * @param expander expands operands
   * @param autoclean whether modprobe runs with {@code -k}
   */
  public ConditionEvaluator(WordExpander expander, boolean autoclean) {
    this.expander = Objects.requireNonNull(expander);
    this.autoclean = autoclean;
  }

  /**
   * Evaluates an expression.
   *
   * @param c the expression
   * @return its truth
   */
  public boolean test(Condition c) {
    if (c instanceof Condition.Not n) {
      boolean inner = test(n.operand());
      return n.operand() instanceof Condition.Autoclean ? inner : !inner;
    }
    if (c instanceof Condition.Autoclean) {
      return autoclean;
    }
    if (c instanceof Condition.FileTest f) {
      String file = expander.first(List.of(f.file()));
      return !file.isEmpty() && expander.inputs().isReadable(Path.of(file));
    }
    if (c instanceof Condition.Truth t) {
      String w = expander.first(List.of(t.word()));
      return !(w.isEmpty() || w.equals("0") || w.equals("false"));
    }
    if (c instanceof Condition.Compare cmp) {
      String left = expander.first(List.of(cmp.left()));
      String right = expander.first(List.of(cmp.right()));
      if (cmp.op().isEmpty()) {
        return false;
      }
      int order =
          cmp.numeric()
              ? Long.compare(strtol(left), strtol(right))
              : Integer.signum(compareBytes(left, right));
      return switch (cmp.op().get()) {
        case EQ -> order == 0;
        case NE -> order != 0;
        case LT -> order < 0;
        case LE -> order <= 0;
        case GE -> order >= 0;
        case GT -> order > 0;
      };
    }
    return false;
  }

  private static int compareBytes(String a, String b) {
    return a.compareTo(b);
  }

  /**
   * C's {@code strtol(s, NULL, 0)}: leading blanks, a sign, {@code 0x} for hex, {@code 0} for
   * octal, digits up to the first that does not belong; nothing readable is 0.
   *
   * @param s the text
   * @return the number
   */
  static long strtol(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    int radix = 10;
    if (i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
      radix = 16;
      i += 2;
    } else if (i < n && s.charAt(i) == '0') {
      radix = 8;
    }
    long value = 0;
    for (; i < n; i++) {
      int d = Character.digit(s.charAt(i), radix);
      if (d < 0) {
        break;
      }
      value = value * radix + d;
    }
    return negative ? -value : value;
  }
}
