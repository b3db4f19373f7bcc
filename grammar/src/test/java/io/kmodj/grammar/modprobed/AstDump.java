package io.kmodj.grammar.modprobed;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.text.ParseResult;
import io.kmodj.grammar.text.Word;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A readable dump of a parse result for golden files: a line per directive ({@code LINE kind [word]
 * [word]...}, control characters escaped) and a line per diagnostic.
 */
final class AstDump {
  private AstDump() {}

  static String dump(ParseResult<ModprobeDFile> r) {
    StringBuilder sb = new StringBuilder();
    for (Directive d : r.value().directives()) {
      sb.append(d.span().line()).append(' ').append(fields(d)).append('\n');
    }
    for (Diagnostic d : r.diagnostics()) {
      sb.append("! ").append(d.format()).append('\n');
    }
    return sb.toString();
  }

  /** The directive's kind and words, without positions: equal for equal directives. */
  static String fields(Directive d) {
    return d.accept(
        new Directive.Visitor<>() {
          @Override
          public String alias(Directive.Alias a) {
            return "alias " + w(a.name()) + " " + w(a.module());
          }

          @Override
          public String options(Directive.Options o) {
            return "options " + w(o.name()) + " " + w(o.options());
          }

          @Override
          public String install(Directive.Install i) {
            return "install " + w(i.name()) + " " + w(i.command());
          }

          @Override
          public String remove(Directive.Remove r) {
            return "remove " + w(r.name()) + " " + w(r.command());
          }

          @Override
          public String blacklist(Directive.Blacklist b) {
            return "blacklist " + w(b.name());
          }

          @Override
          public String softdep(Directive.Softdep s) {
            return "softdep "
                + w(s.name())
                + " "
                + w(s.text())
                + " pre"
                + ws(s.pre())
                + " post"
                + ws(s.post());
          }

          @Override
          public String weakdep(Directive.Weakdep wd) {
            return "weakdep " + w(wd.name()) + " " + ws(wd.modules());
          }
        });
  }

  private static String ws(List<Word> words) {
    return "(" + words.stream().map(AstDump::w).collect(Collectors.joining(" ")) + ")";
  }

  private static String w(Word word) {
    return "[" + word.text().replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r") + "]";
  }
}
