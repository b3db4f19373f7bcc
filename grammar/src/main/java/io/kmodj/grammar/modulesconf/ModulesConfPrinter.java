package io.kmodj.grammar.modulesconf;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Writes a {@link ModulesConfFile} back as modules.conf text: one line per directive, words as
 * written, a single blank between them, {@code if} blocks indented two spaces per level (up to
 * {@value #MAX_INDENT} levels, so deep nesting stays linear in size). Parsing the text again gives
 * the same tree, spans aside (compare {@link ModulesConfDump#canonical} forms). Comments and the
 * original layout are not kept; an {@code add} with no effect is dropped.
 */
public final class ModulesConfPrinter {
  /** Deeper {@code if}s are not indented further. */
  public static final int MAX_INDENT = 10;

  private ModulesConfPrinter() {}

  /**
   * Prints a file.
   *
   * @param file the parsed file
   * @return its text, each line ending with {@code '\n'}
   */
  public static String print(ModulesConfFile file) {
    StringBuilder out = new StringBuilder();
    // an explicit stack of lines still to print: nesting costs no Java stack
    Deque<Object> todo = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    push(todo, depths, file.directives(), 0);
    while (!todo.isEmpty()) {
      Object item = todo.pop();
      int depth = depths.pop();
      if (item instanceof String line) {
        line(out, depth, line);
      } else if (item instanceof Directive.Conditional c) {
        // pushed in reverse: endif, then each branch's body and header from the last
        c.endif().ifPresent(e -> push(todo, depths, "endif", depth));
        List<Directive.Branch> branches = c.branches();
        for (int i = branches.size() - 1; i >= 0; i--) {
          Directive.Branch b = branches.get(i);
          push(todo, depths, b.body(), depth + 1);
          push(todo, depths, branch(b), depth);
        }
      } else {
        line(out, depth, directive((Directive) item));
      }
    }
    return out.toString();
  }

  /**
   * One directive as {@link #print} writes it ({@code add options eth0 debug=1}).
   *
   * @param d a directive other than an {@code if} block
   * @return its line, without indentation or newline
   */
  public static String line(Directive d) {
    if (d instanceof Directive.Conditional c) {
      return branch(c.branches().get(0));
    }
    return directive(d);
  }

  /**
   * The opening line of a branch ({@code if -k}, {@code elseif `uname -r` == 2.4.27}, {@code
   * else}).
   *
   * @param b the branch
   * @return its line
   */
  public static String line(Directive.Branch b) {
    return branch(b);
  }

  private static void push(Deque<Object> todo, Deque<Integer> depths, Object item, int depth) {
    todo.push(item);
    depths.push(depth);
  }

  private static void push(
      Deque<Object> todo, Deque<Integer> depths, List<Directive> body, int depth) {
    for (int i = body.size() - 1; i >= 0; i--) {
      push(todo, depths, body.get(i), depth);
    }
  }

  private static void line(StringBuilder out, int depth, String text) {
    out.append("  ".repeat(Math.min(depth, MAX_INDENT))).append(text);
    // a last backslash would join the next line; modutils reads "\\" as one backslash
    if (text.endsWith("\\")) {
      out.append('\\');
    } else if (!text.isEmpty() && LogicalLines.isSpace(text.charAt(text.length() - 1))) {
      // trailing blanks would go (an unclosed quote's, kept from a continued line): a backslash
      // and an empty line keep them and end the logical line there
      out.append("\\\n");
    }
    out.append('\n');
  }

  private static String branch(Directive.Branch b) {
    return b.condition()
        .map(c -> b.kind().keyword() + " " + condition(c))
        .orElse("else")
        .stripLeading();
  }

  /** The text of a condition, as it reads after {@code if}. */
  static String condition(Condition c) {
    if (c instanceof Condition.Not n) {
      return "! " + condition(n.operand());
    } else if (c instanceof Condition.Truth t) {
      return (t.numeric() ? "-n " : "") + t.word().raw();
    } else if (c instanceof Condition.Compare cmp) {
      // an empty operator or right operand prints nothing, not a trailing blank the printer
      // would have to keep with a continuation (which then joins the blank into the word)
      StringBuilder sb = new StringBuilder(cmp.numeric() ? "-n " : "").append(cmp.left().raw());
      for (ShellWord w : List.of(cmp.operator(), cmp.right())) {
        if (!w.isEmpty()) {
          sb.append(' ').append(w.raw());
        }
      }
      return sb.toString();
    } else if (c instanceof Condition.FileTest f) {
      return "-f " + f.file().raw();
    } else {
      return "-k";
    }
  }

  private static String directive(Directive d) {
    if (d instanceof Directive.Alias a) {
      return words("alias", a.name(), a.rest());
    } else if (d instanceof Directive.Options o) {
      String head = (o.add() ? "add " : "") + "options" + (o.noAutoclean() ? " -k" : "");
      return words(head, o.name(), o.values());
    } else if (d instanceof Directive.Hook h) {
      return words(h.kind().keyword(), h.name(), List.of(h.command()));
    } else if (d instanceof Directive.ModuleList l) {
      return words((l.add() ? "add " : "") + l.kind().keyword(), l.name(), l.modules());
    } else if (d instanceof Directive.Prune p) {
      return words("prune", null, p.words());
    } else if (d instanceof Directive.Define def) {
      return words("define", def.name(), def.value());
    } else if (d instanceof Directive.Include i) {
      return words("include", null, i.words());
    } else if (d instanceof Directive.Keep) {
      return "keep";
    } else if (d instanceof Directive.Path p) {
      return "path" + p.tag().map(t -> "[" + t + "]").orElse("") + "=" + p.value().raw();
    } else if (d instanceof Directive.Setting s) {
      return s.kind().keyword() + "=" + s.value().raw();
    } else {
      throw new IllegalArgumentException("printed by the caller: " + d.getClass());
    }
  }

  private static String words(String head, ShellWord name, List<ShellWord> rest) {
    StringBuilder sb = new StringBuilder(head);
    if (name != null && !name.isEmpty()) {
      sb.append(' ').append(name.raw());
    }
    for (ShellWord w : rest) {
      if (!w.isEmpty()) {
        sb.append(' ').append(w.raw());
      }
    }
    return sb.toString();
  }
}
