package io.kmodj.gui.editor;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Finding and replacing in a text, literally or with a Java regular expression, with or without
 * case. Plain Java, safe on any thread.
 */
public final class TextSearch {
  /**
   * A match.
   *
   * @param start its first character
   * @param end after its last character
   */
  public record Match(int start, int end) {}

  /**
   * The result of replacing every match: one edit from the first match's start to the last one's
   * end, so that it is undone in one step.
   *
   * @param start where the replaced range starts
   * @param end where it ends in the old text
   * @param replacement the new text of the range
   * @param count how many matches were replaced
   */
  public record Replacement(int start, int end, String replacement, int count) {}

  private final Pattern pattern;
  private final boolean regex;

  /**
   * Prepares a search.
   *
   * @param query the text or regular expression to find; not empty
   * @param regex whether {@code query} is a regular expression ({@code $1} then refers to groups in
   *     replacements)
   * @param matchCase whether case matters
   * @throws PatternSyntaxException when {@code query} is a bad regular expression
   */
  public TextSearch(String query, boolean regex, boolean matchCase) {
    if (query.isEmpty()) {
      throw new IllegalArgumentException("nothing to find");
    }
    int flags = matchCase ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    this.pattern =
        Pattern.compile(query, regex ? flags | Pattern.MULTILINE : flags | Pattern.LITERAL);
    this.regex = regex;
  }

  /**
   * The next match at or after an offset, wrapping round to the start.
   *
   * @param text the text
   * @param from where to start looking
   * @return the match, empty when there is none
   */
  public Optional<Match> next(String text, int from) {
    Matcher m = pattern.matcher(text);
    if (m.find(Math.min(Math.max(from, 0), text.length()))) {
      do {
        if (m.end() > m.start()) {
          return Optional.of(new Match(m.start(), m.end()));
        }
      } while (m.find());
    }
    return first(text, m);
  }

  private static Optional<Match> first(String text, Matcher m) {
    m.reset(text);
    while (m.find()) {
      if (m.end() > m.start()) {
        return Optional.of(new Match(m.start(), m.end()));
      }
    }
    return Optional.empty();
  }

  /**
   * The last match ending at or before an offset, wrapping round to the end.
   *
   * @param text the text
   * @param before the offset the match must end by
   * @return the match, empty when there is none
   */
  public Optional<Match> previous(String text, int before) {
    Matcher m = pattern.matcher(text);
    Match best = null;
    Match last = null;
    while (m.find()) {
      if (m.end() == m.start()) {
        continue;
      }
      Match here = new Match(m.start(), m.end());
      if (here.end() <= before && here.start() < before) {
        best = here;
      }
      last = here;
    }
    return Optional.ofNullable(best != null ? best : last);
  }

  /**
   * Whether a range of a text is exactly one match.
   *
   * @param text the text
   * @param start the range's start
   * @param end its end
   * @return true when the pattern matches the whole range
   */
  public boolean matches(String text, int start, int end) {
    return start < end && region(text, start, end).matches();
  }

  /** A matcher for a range that sees the text around it, as {@code find} does. */
  private Matcher region(String text, int start, int end) {
    Matcher m = pattern.matcher(text);
    m.region(start, end);
    m.useTransparentBounds(true);
    m.useAnchoringBounds(false);
    return m;
  }

  /**
   * What one match becomes.
   *
   * @param text the text
   * @param match the match
   * @param replacement the replacement ({@code $n} are groups when regular)
   * @return the replaced text of the match
   */
  public String expand(String text, Match match, String replacement) {
    Matcher m = region(text, match.start(), match.end());
    if (!m.matches()) {
      throw new IllegalArgumentException("no match at " + match);
    }
    StringBuilder out = new StringBuilder();
    // appends text[0, match.start()) and then the replacement
    m.appendReplacement(out, regex ? replacement : Matcher.quoteReplacement(replacement));
    return out.substring(match.start());
  }

  /**
   * Replaces every match.
   *
   * @param text the text
   * @param replacement the replacement ({@code $n} are groups when regular)
   * @return the one edit to make, empty when nothing matches
   */
  public Optional<Replacement> replaceAll(String text, String replacement) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    int first = -1;
    int lastEnd = -1;
    int count = 0;
    String r = regex ? replacement : Matcher.quoteReplacement(replacement);
    while (m.find()) {
      if (m.end() == m.start()) {
        continue;
      }
      if (first < 0) {
        first = m.start();
      }
      m.appendReplacement(out, r);
      lastEnd = m.end();
      count++;
    }
    if (count == 0) {
      return Optional.empty();
    }
    // out holds text[0, lastEnd) replaced; keep the part from the first match on
    return Optional.of(new Replacement(first, lastEnd, out.substring(first), count));
  }
}
