package io.kmodj.gui.editor;

import io.kmodj.grammar.diag.Diagnostic;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.fxmisc.richtext.model.StyleSpans;

/**
 * The styling of one version of a text: style classes for every character, and the diagnostics to
 * list.
 *
 * @param styles style classes covering exactly {@code textLength} characters
 * @param diagnostics the parser's diagnostics, in file order
 * @param textLength length of the text that was styled
 */
public record Highlighting(
    StyleSpans<Collection<String>> styles, List<Diagnostic> diagnostics, int textLength) {
  public Highlighting {
    Objects.requireNonNull(styles, "styles");
    diagnostics = List.copyOf(diagnostics);
    if (styles.length() != textLength) {
      throw new IllegalArgumentException(
          "styles cover " + styles.length() + " characters, text has " + textLength);
    }
  }
}
