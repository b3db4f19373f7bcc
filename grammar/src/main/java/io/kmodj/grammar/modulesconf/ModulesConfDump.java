package io.kmodj.grammar.modulesconf;

import io.kmodj.grammar.diag.Span;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A readable, complete text form of a {@link ModulesConfFile}: one line per directive or branch,
 * nested blocks indented (up to {@link ModulesConfPrinter#MAX_INDENT} levels: the {@code endif} and
 * {@code unclosed} lines still show the structure), every field shown, words as escaped strings
 * followed by their parts when they are more than plain text. Without spans ({@link #canonical}) it
 * is the way to compare two trees "spans aside" (the round trip through {@link
 * ModulesConfPrinter}); it is built with an explicit stack, so it also serves trees too deep for
 * recursive {@code equals}.
 *
 * <p>Example: {@code options add=false -k=false "eepro100" ["debug=$DEBUG" {lit"debug="
 * var(DEBUG)}]}.
 */
public final class ModulesConfDump {
  private final boolean spans;
  private final StringBuilder out = new StringBuilder();

  private ModulesConfDump(boolean spans) {
    this.spans = spans;
  }

  /** The dump without spans: equal for trees that differ only in where things were written. */
  public static String canonical(ModulesConfFile file) {
    return new ModulesConfDump(false).file(file);
  }

  /** The dump with each node's span ({@code @line:column-endLine[start,end)}). */
  public static String withSpans(ModulesConfFile file) {
    return new ModulesConfDump(true).file(file);
  }

  private String file(ModulesConfFile file) {
    Deque<Object> todo = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    pushAll(todo, depths, file.directives(), 0);
    while (!todo.isEmpty()) {
      Object item = todo.pop();
      int depth = depths.pop();
      out.append("  ".repeat(Math.min(depth, ModulesConfPrinter.MAX_INDENT)));
      if (item instanceof String s) {
        out.append(s);
      } else if (item instanceof Directive.Branch b) {
        out.append("branch ").append(b.kind().keyword());
        b.condition().ifPresent(c -> condition(out.append(' '), c));
        span(b.span());
      } else if (item instanceof Directive.Conditional c) {
        out.append("if-block");
        span(c.span());
        todo.push(c.endif().map(e -> "endif" + spanText(e)).orElse("unclosed"));
        depths.push(depth);
        List<Directive.Branch> branches = c.branches();
        for (int i = branches.size() - 1; i >= 0; i--) {
          pushAll(todo, depths, branches.get(i).body(), depth + 2);
          todo.push(branches.get(i));
          depths.push(depth + 1);
        }
      } else {
        directive((Directive) item);
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static void pushAll(
      Deque<Object> todo, Deque<Integer> depths, List<Directive> body, int depth) {
    for (int i = body.size() - 1; i >= 0; i--) {
      todo.push(body.get(i));
      depths.push(depth);
    }
  }

  private void directive(Directive d) {
    if (d instanceof Directive.Alias a) {
      out.append("alias ");
      word(a.name());
      words(a.rest());
    } else if (d instanceof Directive.Options o) {
      out.append("options add=").append(o.add()).append(" -k=").append(o.noAutoclean()).append(' ');
      word(o.name());
      words(o.values());
    } else if (d instanceof Directive.Hook h) {
      out.append("hook ").append(h.kind().keyword()).append(' ');
      word(h.name());
      out.append(' ');
      word(h.command());
    } else if (d instanceof Directive.ModuleList l) {
      out.append(l.kind().keyword()).append(" add=").append(l.add()).append(' ');
      word(l.name());
      words(l.modules());
    } else if (d instanceof Directive.Prune p) {
      out.append("prune");
      words(p.words());
    } else if (d instanceof Directive.Define def) {
      out.append("define ");
      word(def.name());
      words(def.value());
    } else if (d instanceof Directive.Include i) {
      out.append("include");
      words(i.words());
    } else if (d instanceof Directive.Keep) {
      out.append("keep");
    } else if (d instanceof Directive.Path p) {
      out.append("path tag=").append(p.tag().map(ModulesConfDump::quote).orElse("-")).append(' ');
      word(p.value());
    } else if (d instanceof Directive.Setting s) {
      out.append("setting ").append(s.kind().keyword()).append(' ');
      word(s.value());
    }
    span(d.span());
  }

  private void condition(StringBuilder sb, Condition c) {
    if (c instanceof Condition.Not n) {
      sb.append("not(");
      condition(sb, n.operand());
      sb.append(')');
    } else if (c instanceof Condition.Truth t) {
      sb.append("truth numeric=").append(t.numeric()).append(' ');
      word(t.word());
    } else if (c instanceof Condition.Compare cmp) {
      sb.append("compare numeric=").append(cmp.numeric()).append(' ');
      word(cmp.left());
      sb.append(' ');
      word(cmp.operator());
      sb.append(cmp.op().map(o -> "=" + o).orElse("=?")).append(' ');
      word(cmp.right());
    } else if (c instanceof Condition.FileTest f) {
      sb.append("file ");
      word(f.file());
    } else {
      sb.append("autoclean");
    }
    span(c.span());
  }

  private void words(List<ShellWord> words) {
    out.append(" [");
    for (int i = 0; i < words.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      word(words.get(i));
    }
    out.append(']');
  }

  private void word(ShellWord w) {
    out.append(quote(w.raw()));
    span(w.span());
    List<ShellWord.Part> parts = w.parts();
    boolean plain =
        parts.isEmpty()
            || (parts.size() == 1
                && parts.get(0) instanceof ShellWord.Part.Literal l
                && l.text().equals(w.raw()));
    if (!plain) {
      out.append(" {");
      parts(parts);
      out.append('}');
    }
  }

  private void parts(List<ShellWord.Part> parts) {
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        out.append(' ');
      }
      ShellWord.Part p = parts.get(i);
      if (p instanceof ShellWord.Part.Literal l) {
        out.append("lit").append(quote(l.text()));
      } else if (p instanceof ShellWord.Part.Variable v) {
        out.append(v.braced() ? "var{" : "var(").append(v.name()).append(v.braced() ? '}' : ')');
      } else if (p instanceof ShellWord.Part.Substitution s) {
        out.append(s.backquoted() ? "bq" : "dp").append(quote(s.command()));
        out.append(s.closed() ? "" : "!unclosed");
      } else if (p instanceof ShellWord.Part.Quoted q) {
        out.append(q.quote() == '"' ? "dq[" : "sq[");
        parts(q.parts());
        out.append(']').append(q.closed() ? "" : "!unclosed");
      }
      span(p.span());
    }
  }

  private void span(Span s) {
    if (spans) {
      out.append(spanText(s));
    }
  }

  private String spanText(Span s) {
    return spans
        ? "@"
            + s.line()
            + ":"
            + s.column()
            + "-"
            + s.endLine()
            + "["
            + s.start()
            + ","
            + s.end()
            + ")"
        : "";
  }

  /** A string in double quotes, with backslash escapes for quotes, backslashes and controls. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
