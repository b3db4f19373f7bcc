package io.kmodj.grammar.modulesconf;

import io.kmodj.grammar.text.LexemeKind;
import java.util.List;

/**
 * Reads the expression after {@code if} or {@code elseif} word by word, as modutils 2.4's config.c
 * does (modules-conf-reference.md 5.2): a first word starting with {@code !} negates (the rest of
 * that word is dropped), {@code -k}, {@code -f} and {@code -n} are tested on their first two
 * characters, and the right operand of a comparison is the whole rest of the line.
 */
final class ConditionReader {
  private final WordReader words;

  /**
   * Reads conditions of one file.
   *
   * @param words the file's words, where marks and diagnostics go
   */
  ConditionReader(WordReader words) {
    this.words = words;
  }

  /**
   * The condition written as {@code list}.
   *
   * @param list the words after the keyword
   * @param lineEnd the end of the line, where a missing word stands
   * @return the condition
   */
  Condition read(List<WordReader.At> list, int lineEnd) {
    int n = list.size();
    int i = 0;
    WordReader.At bang = null;
    if (n > 0 && words.startsWith(list.get(0), "!")) {
      bang = list.get(0);
      words.markShell(bang, LexemeKind.OPERATOR);
      String text = words.text(bang);
      if (!text.equals("!")) {
        words.warn(
            words.span(bang),
            "negation-word",
            "modutils drops the whole word " + text + " after reading its '!'",
            text);
      }
      i = 1;
    }
    Condition test;
    if (i < n && words.startsWith(list.get(i), "-k")) {
      WordReader.At k = list.get(i);
      words.markShell(k, LexemeKind.OPERATOR);
      prefixOnly(k, "-k");
      if (bang != null) {
        words.warn(
            words.span(bang),
            "negated-k",
            "modutils ignores '!' before -k: the test is the same as -k",
            "!");
      }
      words.ignoredWords(list, i + 1, "modutils ignores the text after -k");
      test = new Condition.Autoclean(words.span(k));
    } else if (i < n && words.startsWith(list.get(i), "-f")) {
      test = fileTest(list, i, lineEnd);
    } else {
      test = comparison(list, i, lineEnd);
    }
    if (bang != null) {
      return new Condition.Not(words.range(list, 0, n, lineEnd), test);
    }
    return test;
  }

  /** {@code -f FILE}: only the first word after it counts. */
  private Condition fileTest(List<WordReader.At> list, int i, int lineEnd) {
    int n = list.size();
    WordReader.At f = list.get(i);
    words.markShell(f, LexemeKind.OPERATOR);
    prefixOnly(f, "-f");
    ShellWord file =
        i + 1 < n
            ? words.shellWord(list.get(i + 1), LexemeKind.VALUE)
            : words.word(lineEnd, lineEnd);
    if (file.isEmpty()) {
      words.warn(words.span(f), "missing-argument", "-f without a file name", "-f");
    }
    words.ignoredWords(list, i + 2, "modutils tests only the first word after -f");
    return new Condition.FileTest(words.range(list, i, Math.min(i + 2, n), lineEnd), file);
  }

  /** {@code [-n] LEFT [OP RIGHT...]}: a comparison, or the truth of one word. */
  private Condition comparison(List<WordReader.At> list, int from, int lineEnd) {
    int n = list.size();
    int i = from;
    boolean numeric = false;
    if (i < n && words.startsWith(list.get(i), "-n")) {
      numeric = true;
      words.markShell(list.get(i), LexemeKind.OPERATOR);
      prefixOnly(list.get(i), "-n");
      i++;
    }
    ShellWord left =
        i < n ? words.shellWord(list.get(i), LexemeKind.TEXT) : words.word(lineEnd, lineEnd);
    if (i + 1 >= n) {
      if (left.isEmpty()) {
        words.warn(
            words.span(lineEnd, lineEnd),
            "missing-condition",
            "a condition without a word is false",
            "");
      }
      return new Condition.Truth(words.range(list, from, n, lineEnd), numeric, left);
    }
    ShellWord op = words.shellWord(list.get(i + 1), LexemeKind.OPERATOR);
    ShellWord right;
    if (i + 2 < n) {
      right = words.word(list.get(i + 2).start(), list.get(n - 1).end());
      for (WordReader.At w : list.subList(i + 2, n)) {
        words.shellWord(w, LexemeKind.TEXT);
      }
    } else {
      right = words.word(lineEnd, lineEnd);
    }
    if (op.isLiteral() && Condition.CompareOp.of(op.raw()).isEmpty()) {
      words.warn(
          op.span(),
          "unknown-operator",
          "unknown operator " + op.raw() + ": modutils takes the test as false",
          op.raw());
    }
    return new Condition.Compare(words.range(list, from, n, lineEnd), numeric, left, op, right);
  }

  private void prefixOnly(WordReader.At w, String prefix) {
    String text = words.text(w);
    if (!text.equals(prefix)) {
      words.warn(
          words.span(w),
          "flag-prefix",
          "modutils reads " + text + " as " + prefix + " (it tests two characters)",
          text);
    }
  }
}
