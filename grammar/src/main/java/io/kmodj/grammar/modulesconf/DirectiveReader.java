package io.kmodj.grammar.modulesconf;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.diag.Severity;
import io.kmodj.grammar.diag.Span;
import io.kmodj.grammar.text.LexemeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;

/**
 * Turns the parse of one directive line into a {@link Directive}, as modutils 2.4's config.c reads
 * it: which words are names and which the rest, what an {@code add} prefix changes, and the
 * warnings where modutils silently ignores text. Conditionals go to the {@link IfStack}. Used once
 * per file.
 */
final class DirectiveReader {
  private final WordReader words;
  private final ConditionReader conditions;
  private final IfStack blocks;

  /**
   * Reads the directives of one file.
   *
   * @param words the file's words, where marks and diagnostics go
   * @param blocks where the directives go
   */
  DirectiveReader(WordReader words, IfStack blocks) {
    this.words = words;
    this.conditions = new ConditionReader(words);
    this.blocks = blocks;
  }

  /** Reads one directive line. */
  void read(ModulesConfParser.LineContext line, int[] wordBounds, int wordCount) {
    ModulesConfParser.DirectiveContext d = line.body;
    Token prefix = line.add;
    Token head = d.getStart();
    int start = prefix != null ? prefix.getStartIndex() : head.getStartIndex();
    int lineEnd = d.getStop().getStopIndex() + 1;
    Span span = words.span(start, lineEnd);
    // the head's text is not copied: only path and setting lines need it
    boolean add =
        prefix != null
            || (head.getStopIndex() + 1 - head.getStartIndex() > 3
                && words.logical().startsWith("add", head.getStartIndex()));
    if (prefix != null) {
      words.markToken(prefix, LexemeKind.KEYWORD);
    }
    words.markToken(head, LexemeKind.DIRECTIVE);
    List<WordReader.At> list = WordReader.words(wordBounds, wordCount);
    int type = head.getType();
    switch (type) {
      case ModulesConfParser.ALIAS -> alias(span, add, list, lineEnd);
      case ModulesConfParser.OPTIONS -> options(span, add, list, lineEnd);
      case ModulesConfParser.INSTALL,
          ModulesConfParser.PRE_INSTALL,
          ModulesConfParser.POST_INSTALL,
          ModulesConfParser.REMOVE,
          ModulesConfParser.PRE_REMOVE,
          ModulesConfParser.POST_REMOVE ->
          hook(span, add, type, list, lineEnd);
      case ModulesConfParser.PROBE,
          ModulesConfParser.PROBEALL,
          ModulesConfParser.ABOVE,
          ModulesConfParser.BELOW ->
          list(span, add, type, list, lineEnd);
      case ModulesConfParser.PRUNE -> {
        words.ignoredAdd(span, add, "prune");
        blocks.add(new Directive.Prune(span, firstOnly(span, list, "prune", "prunes")));
      }
      case ModulesConfParser.DEFINE -> define(span, add, list, lineEnd);
      case ModulesConfParser.INCLUDE -> {
        words.ignoredAdd(span, add, "include");
        blocks.add(new Directive.Include(span, firstOnly(span, list, "include", "includes")));
      }
      case ModulesConfParser.KEEP -> {
        words.ignoredAdd(span, add, "keep");
        words.ignoredWords(list, 0, "modutils ignores the text after keep");
        blocks.add(new Directive.Keep(span));
      }
      case ModulesConfParser.IF -> {
        words.ignoredAdd(span, add, "if");
        blocks.openIf(span, conditions.read(list, lineEnd));
      }
      case ModulesConfParser.ELSEIF -> {
        words.ignoredAdd(span, add, "elseif");
        blocks.elseif(span, head.getLine(), conditions.read(list, lineEnd));
      }
      case ModulesConfParser.ELSE -> {
        words.ignoredAdd(span, add, "else");
        words.ignoredWords(list, 0, "modutils ignores the text after else");
        blocks.otherwise(span, head.getLine());
      }
      case ModulesConfParser.ENDIF -> {
        words.ignoredAdd(span, add, "endif");
        words.ignoredWords(list, 0, "modutils ignores the text after endif");
        blocks.endif(span, head.getLine());
      }
      case ModulesConfParser.PATH -> path(span, add, keyword(head.getText()), d, lineEnd);
      case ModulesConfParser.SETTING -> setting(span, add, keyword(head.getText()), d, lineEnd);
      default -> throw new IllegalStateException("directive token " + head);
    }
  }

  /** The words of prune or include: modutils takes only the first. */
  private List<ShellWord> firstOnly(Span span, List<WordReader.At> list, String name, String verb) {
    List<ShellWord> w = words.shellWords(list, LexemeKind.VALUE);
    if (w.isEmpty()) {
      words.warn(span, "missing-argument", name + " without a file name", name);
    } else if (w.size() > 1) {
      words.ignoredWords(list, 1, "modutils " + verb + " only the first word");
    }
    return w;
  }

  private void alias(Span span, boolean add, List<WordReader.At> list, int lineEnd) {
    words.ignoredAdd(span, add, "alias");
    ShellWord name = words.name(list, lineEnd, LexemeKind.ALIAS);
    List<ShellWord> rest = words.shellWords(WordReader.tail(list, 1), LexemeKind.MODULE);
    if (name.isEmpty()) {
      words.warn(span, "missing-name", "alias without a name", "alias");
    } else if (rest.isEmpty()) {
      words.report(
          new Diagnostic(
              Severity.INFO,
              span,
              "alias-without-target",
              "alias " + name.raw() + " has no target: it cancels an earlier alias of that name",
              name.raw(),
              Optional.empty()));
    } else {
      if (rest.get(0).raw().equals("off") || rest.get(0).raw().equals("null")) {
        words.markShell(list.get(1), LexemeKind.KEYWORD);
      }
      words.ignoredWords(list, 2, "modutils uses only the first word after the alias name");
    }
    blocks.add(new Directive.Alias(span, name, rest));
  }

  private void options(Span span, boolean add, List<WordReader.At> list, int lineEnd) {
    boolean noAutoclean = !list.isEmpty() && words.is(list.get(0), "-k");
    List<WordReader.At> rest = list;
    if (noAutoclean) {
      words.markShell(list.get(0), LexemeKind.KEYWORD);
      rest = WordReader.tail(list, 1);
      if (rest.isEmpty()) {
        words.warn(span, "missing-name", "Missing module argument after -k", "-k");
      }
    } else if (list.isEmpty()) {
      words.warn(span, "missing-name", "options without a module name", "options");
    }
    ShellWord name = words.name(rest, lineEnd, LexemeKind.MODULE);
    List<ShellWord> values = new ArrayList<>();
    for (WordReader.At w : WordReader.tail(rest, 1)) {
      ShellWord v = words.shellWord(w, LexemeKind.OPTION_VALUE);
      int eq = v.raw().indexOf('=');
      if (eq > 0) {
        words.markLogical(w.start(), w.start() + eq, LexemeKind.OPTION_NAME);
        words.overlayParts(v);
      }
      values.add(v);
    }
    blocks.add(new Directive.Options(span, add, noAutoclean, name, values));
  }

  private void hook(Span span, boolean add, int type, List<WordReader.At> list, int lineEnd) {
    Directive.HookKind kind =
        switch (type) {
          case ModulesConfParser.PRE_INSTALL -> Directive.HookKind.PRE_INSTALL;
          case ModulesConfParser.INSTALL -> Directive.HookKind.INSTALL;
          case ModulesConfParser.POST_INSTALL -> Directive.HookKind.POST_INSTALL;
          case ModulesConfParser.PRE_REMOVE -> Directive.HookKind.PRE_REMOVE;
          case ModulesConfParser.REMOVE -> Directive.HookKind.REMOVE;
          default -> Directive.HookKind.POST_REMOVE;
        };
    words.ignoredAdd(span, add, kind.keyword());
    ShellWord name = words.name(list, lineEnd, LexemeKind.MODULE);
    if (name.isEmpty()) {
      words.warn(span, "missing-name", kind.keyword() + " without a module name", kind.keyword());
    }
    // the command is the raw rest of the line; the shell reads it, modutils does not
    ShellWord command;
    if (list.size() > 1) {
      int from = list.get(1).start();
      int to = list.get(list.size() - 1).end();
      command = words.word(from, to);
      words.markLogical(from, to, LexemeKind.COMMAND);
      words.checkQuotes(command, Severity.WARNING, "the shell will fail on it");
    } else {
      command = words.word(lineEnd, lineEnd);
    }
    blocks.add(new Directive.Hook(span, kind, name, command));
  }

  private void list(Span span, boolean add, int type, List<WordReader.At> list, int lineEnd) {
    Directive.ListKind kind =
        switch (type) {
          case ModulesConfParser.PROBE -> Directive.ListKind.PROBE;
          case ModulesConfParser.PROBEALL -> Directive.ListKind.PROBEALL;
          case ModulesConfParser.ABOVE -> Directive.ListKind.ABOVE;
          default -> Directive.ListKind.BELOW;
        };
    ShellWord name = words.name(list, lineEnd, LexemeKind.MODULE);
    if (name.isEmpty()) {
      words.warn(span, "missing-name", kind.keyword() + " without a name", kind.keyword());
    }
    List<ShellWord> modules = words.shellWords(WordReader.tail(list, 1), LexemeKind.MODULE);
    blocks.add(new Directive.ModuleList(span, kind, add, name, modules));
  }

  private void define(Span span, boolean add, List<WordReader.At> list, int lineEnd) {
    words.ignoredAdd(span, add, "define");
    ShellWord name = words.name(list, lineEnd, LexemeKind.VARIABLE);
    if (name.isEmpty()) {
      words.warn(span, "missing-name", "define without a variable name", "define");
    }
    List<ShellWord> value = words.shellWords(WordReader.tail(list, 1), LexemeKind.VALUE);
    blocks.add(new Directive.Define(span, name, value));
  }

  private void path(
      Span span, boolean add, String keyword, ModulesConfParser.DirectiveContext d, int lineEnd) {
    words.ignoredAdd(span, add, "path");
    Optional<String> tag = Optional.empty();
    int open = keyword.indexOf('[');
    if (open == 4 && keyword.endsWith("]")) {
      tag = Optional.of(keyword.substring(open + 1, keyword.length() - 1));
    } else if (!keyword.equals("path")) {
      words.warn(span, "path-tag", "modutils reads " + keyword + "= as path= (tag misc)", keyword);
    }
    blocks.add(new Directive.Path(span, tag, value(span, d, lineEnd, keyword)));
  }

  private void setting(
      Span span, boolean add, String keyword, ModulesConfParser.DirectiveContext d, int lineEnd) {
    words.ignoredAdd(span, add, keyword);
    Directive.SettingKind kind =
        Directive.SettingKind.of(keyword)
            .orElseThrow(() -> new IllegalStateException("setting " + keyword));
    blocks.add(new Directive.Setting(span, kind, value(span, d, lineEnd, keyword)));
  }

  /** The value after {@code =}, blanks around it dropped (config.c drops those before it). */
  private ShellWord value(
      Span span, ModulesConfParser.DirectiveContext d, int lineEnd, String keyword) {
    Token v = d.value;
    int from = lineEnd;
    int to = lineEnd;
    if (v != null) {
      String logical = words.logical();
      from = v.getStartIndex();
      to = v.getStopIndex() + 1;
      while (from < to && LogicalLines.isSpace(logical.charAt(from))) {
        from++;
      }
      // blanks before a backslash that continued onto an empty line end the value too
      while (to > from && LogicalLines.isSpace(logical.charAt(to - 1))) {
        to--;
      }
    }
    ShellWord value = words.word(from, to);
    if (value.isEmpty()) {
      words.warn(span, "missing-value", keyword + "= without a value", keyword);
    }
    words.markLogical(from, to, LexemeKind.VALUE);
    words.overlayParts(value);
    words.checkQuotes(value, Severity.ERROR, "");
    return value;
  }

  /** The head keyword without an 'add' prefix and without '='. */
  private static String keyword(String written) {
    String k = written;
    if (k.endsWith("=")) {
      k = k.substring(0, k.length() - 1);
    }
    if (k.startsWith("add") && !k.startsWith("path")) {
      String rest = k.substring(3);
      if (!rest.isEmpty()) {
        k = rest;
      }
    }
    return k;
  }
}
