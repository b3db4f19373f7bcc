package io.kmodj.grammar.modulesconf;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.diag.Severity;
import io.kmodj.grammar.diag.Span;
import io.kmodj.grammar.text.Lexeme;
import io.kmodj.grammar.text.LexemeKind;
import io.kmodj.grammar.text.ParseResult;
import io.kmodj.grammar.text.SourceText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;

/**
 * Parses modules.conf text into a {@link ModulesConfFile}, as modutils 2.4's config.c reads it:
 * comments cut at any {@code #}, continued lines joined, an optional {@code add} prefix, a keyword
 * ending at a blank or {@code =}, and every other line an invalid line ({@code Invalid line N in
 * FILE}) that is reported and skipped. {@code if} blocks are nested with an explicit stack; their
 * structural errors use modutils' words too ({@code unmatched endif in line N}, {@code missing
 * endif at FILE EOF}).
 */
public final class ModulesConfSyntax {
  /** modutils' limit on nested {@code if}s ({@code Too many nested if's}). */
  public static final int MAX_IF_DEPTH = 20;

  private ModulesConfSyntax() {}

  /**
   * Parses one file.
   *
   * @param file the file name to report in spans and diagnostics
   * @param text the file's text
   * @return the directives, the diagnostics and the classified text; never throws on bad input
   */
  public static ParseResult<ModulesConfFile> parse(String file, String text) {
    return new Builder(file, text).build();
  }

  /**
   * Parses one file given as bytes, decoded as UTF-8 (malformed bytes become U+FFFD).
   *
   * @param file the file name to report in spans and diagnostics
   * @param bytes the file's content
   * @return as {@link #parse(String, String)}
   */
  public static ParseResult<ModulesConfFile> parse(String file, byte[] bytes) {
    return parse(file, new String(bytes, StandardCharsets.UTF_8));
  }

  /** An {@code if} block being read. */
  private static final class OpenIf {
    final Span ifLine;
    final List<Directive.Branch> branches = new ArrayList<>();
    Span branchLine;
    Directive.BranchKind kind = Directive.BranchKind.IF;
    Optional<Condition> condition;
    List<Directive> body = new ArrayList<>();
    Span firstElse;
    Span last;

    OpenIf(Span ifLine, Condition condition) {
      this.ifLine = ifLine;
      this.branchLine = ifLine;
      this.condition = Optional.of(condition);
      this.last = ifLine;
    }

    void closeBranch() {
      branches.add(new Directive.Branch(branchLine, kind, condition, body));
    }

    void open(Span line, Directive.BranchKind k, Optional<Condition> c) {
      closeBranch();
      branchLine = line;
      kind = k;
      condition = c;
      body = new ArrayList<>();
      last = line;
    }
  }

  /** Walks the parse tree of one file; used once. */
  private static final class Builder {
    private final SourceText source;
    private final byte[] kinds;
    private final LogicalLines lines;
    private final String logical;
    private final WordScanner scanner;
    private final List<Directive> top = new ArrayList<>();
    private final Deque<OpenIf> open = new ArrayDeque<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private Span lastClosedIf;
    private boolean reportedDepth;

    Builder(String file, String text) {
      this.source = new SourceText(file, text);
      this.kinds = new byte[text.length()];
      this.lines =
          new LogicalLines(
              text,
              new LogicalLines.Marker() {
                @Override
                public void comment(int start, int end) {
                  markRange(start, end, LexemeKind.COMMENT);
                }

                @Override
                public void continuation(int offset) {
                  markRange(offset, offset + 1, LexemeKind.CONTINUATION);
                }
              });
      this.logical = lines.text();
      this.scanner = new WordScanner(logical, this::span);
    }

    ParseResult<ModulesConfFile> build() {
      ModulesConfParser.FileContext tree = parseTree();
      for (ModulesConfParser.LineContext line : tree.line()) {
        if (line.exception != null) {
          continue; // reported by the error listener
        }
        if (line instanceof ModulesConfParser.DirectiveLineContext d) {
          directive(d);
        } else if (line instanceof ModulesConfParser.InvalidLineContext bad) {
          invalid(bad);
        } else if (line instanceof ModulesConfParser.AddOnlyLineContext add) {
          // config.c drops the prefix and ignores the empty line left
          markToken(add.ADD().getSymbol(), LexemeKind.KEYWORD);
        }
      }
      Span eof = source.span(source.text().length(), source.text().length());
      while (!open.isEmpty()) {
        OpenIf o = open.peek();
        diagnostics.add(
            new Diagnostic(
                Severity.ERROR,
                o.ifLine,
                "missing-endif",
                "missing endif at " + source.file() + " EOF",
                "if",
                Optional.of(eof)));
        closeIf(Optional.empty());
      }
      diagnostics.sort(
          (a, b) -> a.span().start() != b.span().start() ? a.span().start() - b.span().start() : 0);
      return new ParseResult<>(new ModulesConfFile(source.file(), top), diagnostics, lexemes());
    }

    private ModulesConfParser.FileContext parseTree() {
      ModulesConfLexer lexer = new ModulesConfLexer(CharStreams.fromString(logical, source.file()));
      lexer.removeErrorListeners();
      ModulesConfParser parser = new ModulesConfParser(new CommonTokenStream(lexer));
      parser.removeErrorListeners();
      parser.addErrorListener(
          new BaseErrorListener() {
            @Override
            public void syntaxError(
                Recognizer<?, ?> recognizer,
                Object offending,
                int line,
                int column,
                String msg,
                RecognitionException e) {
              // the grammar accepts every input; if it ever does not, say so and go on
              int at = offending instanceof Token t ? Math.max(0, t.getStartIndex()) : 0;
              diagnostics.add(
                  Diagnostic.error(span(at, at), "internal", "cannot read this line: " + msg, ""));
            }
          });
      parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
      return parser.file();
    }

    // ------------------------------------------------------------------ lines

    private void invalid(ModulesConfParser.InvalidLineContext bad) {
      Token first = bad.ADD() != null ? bad.ADD().getSymbol() : bad.badLine().getStart();
      Token head = bad.badLine().getStart();
      Span span = span(first.getStartIndex(), bad.badLine().getStop().getStopIndex() + 1);
      String keyword = head.getText();
      if (keyword.endsWith("=")) {
        keyword = keyword.substring(0, keyword.length() - 1);
      }
      // modutils: "Invalid line N in FILE" then a tab and the keyword (record 18)
      diagnostics.add(
          Diagnostic.error(
              span,
              "invalid-line",
              "Invalid line " + lines.lastPhysicalLine(head.getLine()) + " in " + source.file(),
              keyword));
      markLogical(
          first.getStartIndex(), bad.badLine().getStop().getStopIndex() + 1, LexemeKind.ERROR);
    }

    private void directive(ModulesConfParser.DirectiveLineContext line) {
      ModulesConfParser.DirectiveContext d = line.directive();
      Token head = d.getStart();
      int start =
          line.ADD() != null ? line.ADD().getSymbol().getStartIndex() : head.getStartIndex();
      Span span = span(start, d.getStop().getStopIndex() + 1);
      boolean add = line.ADD() != null || head.getText().startsWith("add");
      if (line.ADD() != null) {
        markToken(line.ADD().getSymbol(), LexemeKind.KEYWORD);
      }
      markToken(head, LexemeKind.DIRECTIVE);
      List<ModulesConfParser.WordContext> words = words(d);
      int lineEnd = d.getStop().getStopIndex() + 1;
      switch (head.getType()) {
        case ModulesConfParser.ALIAS -> alias(span, add, words, lineEnd);
        case ModulesConfParser.OPTIONS -> options(span, add, words, lineEnd);
        case ModulesConfParser.INSTALL,
            ModulesConfParser.PRE_INSTALL,
            ModulesConfParser.POST_INSTALL,
            ModulesConfParser.REMOVE,
            ModulesConfParser.PRE_REMOVE,
            ModulesConfParser.POST_REMOVE ->
            hook(span, add, head, words, lineEnd);
        case ModulesConfParser.PROBE,
            ModulesConfParser.PROBEALL,
            ModulesConfParser.ABOVE,
            ModulesConfParser.BELOW ->
            list(span, add, head, words, lineEnd);
        case ModulesConfParser.PRUNE -> {
          ignoredAdd(span, add, "prune");
          List<ShellWord> w = shellWords(words, LexemeKind.VALUE);
          if (w.isEmpty()) {
            warn(span, "missing-argument", "prune without a file name", "prune");
          } else if (w.size() > 1) {
            ignoredWords(words, 1, "modutils prunes only the first word");
          }
          add(new Directive.Prune(span, w));
        }
        case ModulesConfParser.DEFINE -> define(span, add, words, lineEnd);
        case ModulesConfParser.INCLUDE -> {
          ignoredAdd(span, add, "include");
          List<ShellWord> w = shellWords(words, LexemeKind.VALUE);
          if (w.isEmpty()) {
            warn(span, "missing-argument", "include without a file name", "include");
          } else if (w.size() > 1) {
            ignoredWords(words, 1, "modutils includes only the first word");
          }
          add(new Directive.Include(span, w));
        }
        case ModulesConfParser.KEEP -> {
          ignoredAdd(span, add, "keep");
          ignoredWords(words, 0, "modutils ignores the text after keep");
          add(new Directive.Keep(span));
        }
        case ModulesConfParser.IF -> {
          ignoredAdd(span, add, "if");
          openIf(span, condition(words, lineEnd));
        }
        case ModulesConfParser.ELSEIF -> {
          ignoredAdd(span, add, "elseif");
          elseif(span, head, condition(words, lineEnd));
        }
        case ModulesConfParser.ELSE -> {
          ignoredAdd(span, add, "else");
          ignoredWords(words, 0, "modutils ignores the text after else");
          otherwise(span, head);
        }
        case ModulesConfParser.ENDIF -> {
          ignoredAdd(span, add, "endif");
          ignoredWords(words, 0, "modutils ignores the text after endif");
          endif(span, head);
        }
        case ModulesConfParser.PATH -> path(span, add, head, d, lineEnd);
        case ModulesConfParser.SETTING -> setting(span, add, head, d, lineEnd);
        default -> throw new IllegalStateException("directive token " + head);
      }
    }

    private void alias(
        Span span, boolean add, List<ModulesConfParser.WordContext> words, int lineEnd) {
      ignoredAdd(span, add, "alias");
      ShellWord name = name(words, lineEnd, LexemeKind.ALIAS);
      List<ShellWord> rest = shellWords(tail(words, 1), LexemeKind.MODULE);
      if (name.isEmpty()) {
        warn(span, "missing-name", "alias without a name", "alias");
      } else if (rest.isEmpty()) {
        diagnostics.add(
            new Diagnostic(
                Severity.INFO,
                span,
                "alias-without-target",
                "alias " + name.raw() + " has no target: it cancels an earlier alias of that name",
                name.raw(),
                Optional.empty()));
      } else {
        if (rest.get(0).raw().equals("off") || rest.get(0).raw().equals("null")) {
          markShell(words.get(1), LexemeKind.KEYWORD);
        }
        ignoredWords(words, 2, "modutils uses only the first word after the alias name");
      }
      add(new Directive.Alias(span, name, rest));
    }

    private void options(
        Span span, boolean add, List<ModulesConfParser.WordContext> words, int lineEnd) {
      boolean noAutoclean = !words.isEmpty() && text(words.get(0)).equals("-k");
      List<ModulesConfParser.WordContext> rest = words;
      if (noAutoclean) {
        markShell(words.get(0), LexemeKind.KEYWORD);
        rest = tail(words, 1);
        if (rest.isEmpty()) {
          warn(span, "missing-name", "Missing module argument after -k", "-k");
        }
      } else if (words.isEmpty()) {
        warn(span, "missing-name", "options without a module name", "options");
      }
      ShellWord name = name(rest, lineEnd, LexemeKind.MODULE);
      List<ShellWord> values = new ArrayList<>();
      for (ModulesConfParser.WordContext w : tail(rest, 1)) {
        ShellWord v = shellWord(w, LexemeKind.OPTION_VALUE);
        int eq = v.raw().indexOf('=');
        if (eq > 0) {
          markLogical(
              w.getStart().getStartIndex(),
              w.getStart().getStartIndex() + eq,
              LexemeKind.OPTION_NAME);
          overlayParts(v);
        }
        values.add(v);
      }
      add(new Directive.Options(span, add, noAutoclean, name, values));
    }

    private void hook(
        Span span,
        boolean add,
        Token head,
        List<ModulesConfParser.WordContext> words,
        int lineEnd) {
      Directive.HookKind kind =
          switch (head.getType()) {
            case ModulesConfParser.PRE_INSTALL -> Directive.HookKind.PRE_INSTALL;
            case ModulesConfParser.INSTALL -> Directive.HookKind.INSTALL;
            case ModulesConfParser.POST_INSTALL -> Directive.HookKind.POST_INSTALL;
            case ModulesConfParser.PRE_REMOVE -> Directive.HookKind.PRE_REMOVE;
            case ModulesConfParser.REMOVE -> Directive.HookKind.REMOVE;
            default -> Directive.HookKind.POST_REMOVE;
          };
      ignoredAdd(span, add, kind.keyword());
      ShellWord name = name(words, lineEnd, LexemeKind.MODULE);
      if (name.isEmpty()) {
        warn(span, "missing-name", kind.keyword() + " without a module name", kind.keyword());
      }
      // the command is the raw rest of the line; the shell reads it, modutils does not
      ShellWord command;
      if (words.size() > 1) {
        int from = words.get(1).getStart().getStartIndex();
        int to = words.get(words.size() - 1).getStop().getStopIndex() + 1;
        command = scanner.word(from, to);
        markLogical(from, to, LexemeKind.COMMAND);
        checkQuotes(command, Severity.WARNING, "the shell will fail on it");
      } else {
        command = scanner.word(lineEnd, lineEnd);
      }
      add(new Directive.Hook(span, kind, name, command));
    }

    private void list(
        Span span,
        boolean add,
        Token head,
        List<ModulesConfParser.WordContext> words,
        int lineEnd) {
      Directive.ListKind kind =
          switch (head.getType()) {
            case ModulesConfParser.PROBE -> Directive.ListKind.PROBE;
            case ModulesConfParser.PROBEALL -> Directive.ListKind.PROBEALL;
            case ModulesConfParser.ABOVE -> Directive.ListKind.ABOVE;
            default -> Directive.ListKind.BELOW;
          };
      ShellWord name = name(words, lineEnd, LexemeKind.MODULE);
      if (name.isEmpty()) {
        warn(span, "missing-name", kind.keyword() + " without a name", kind.keyword());
      }
      List<ShellWord> modules = shellWords(tail(words, 1), LexemeKind.MODULE);
      add(new Directive.ModuleList(span, kind, add, name, modules));
    }

    private void define(
        Span span, boolean add, List<ModulesConfParser.WordContext> words, int lineEnd) {
      ignoredAdd(span, add, "define");
      ShellWord name = name(words, lineEnd, LexemeKind.VARIABLE);
      if (name.isEmpty()) {
        warn(span, "missing-name", "define without a variable name", "define");
      }
      add(new Directive.Define(span, name, shellWords(tail(words, 1), LexemeKind.VALUE)));
    }

    private void path(
        Span span, boolean add, Token head, ModulesConfParser.DirectiveContext d, int lineEnd) {
      ignoredAdd(span, add, "path");
      String keyword = keyword(head);
      Optional<String> tag = Optional.empty();
      int open = keyword.indexOf('[');
      if (open == 4 && keyword.endsWith("]")) {
        tag = Optional.of(keyword.substring(open + 1, keyword.length() - 1));
      } else if (!keyword.equals("path")) {
        warn(span, "path-tag", "modutils reads " + keyword + "= as path= (tag misc)", keyword);
      }
      add(new Directive.Path(span, tag, value(span, d, lineEnd, keyword)));
    }

    private void setting(
        Span span, boolean add, Token head, ModulesConfParser.DirectiveContext d, int lineEnd) {
      String keyword = keyword(head);
      ignoredAdd(span, add, keyword);
      Directive.SettingKind kind =
          Directive.SettingKind.of(keyword)
              .orElseThrow(() -> new IllegalStateException("setting " + keyword));
      add(new Directive.Setting(span, kind, value(span, d, lineEnd, keyword)));
    }

    /** The value after {@code =}, blanks around it dropped (config.c drops those before it). */
    private ShellWord value(
        Span span, ModulesConfParser.DirectiveContext d, int lineEnd, String keyword) {
      Token v = d.getStop().getType() == ModulesConfParser.VALUE ? d.getStop() : null;
      int from = lineEnd;
      int to = lineEnd;
      if (v != null) {
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
      ShellWord value = scanner.word(from, to);
      if (value.isEmpty()) {
        warn(span, "missing-value", keyword + "= without a value", keyword);
      }
      markLogical(from, to, LexemeKind.VALUE);
      overlayParts(value);
      checkQuotes(value, Severity.ERROR, "");
      return value;
    }

    // ------------------------------------------------------------------ if blocks

    private void openIf(Span span, Condition condition) {
      open.push(new OpenIf(span, condition));
      if (open.size() > MAX_IF_DEPTH && !reportedDepth) {
        reportedDepth = true;
        diagnostics.add(
            new Diagnostic(
                Severity.ERROR,
                span,
                "if-depth",
                "Too many nested if's in line " + span.endLine(),
                "if",
                Optional.of(lastOf(open).ifLine)));
      }
    }

    private void elseif(Span span, Token head, Condition condition) {
      OpenIf o = open.peek();
      if (o == null) {
        stray(span, head, "elseif without if in line ");
        return;
      }
      if (o.firstElse != null) {
        diagnostics.add(
            new Diagnostic(
                Severity.WARNING,
                span,
                "elseif-after-else",
                "elseif after else: modutils never takes it",
                "elseif",
                Optional.of(o.firstElse)));
      }
      o.open(span, Directive.BranchKind.ELSEIF, Optional.of(condition));
    }

    private void otherwise(Span span, Token head) {
      OpenIf o = open.peek();
      if (o == null) {
        stray(span, head, "else without if in line ");
        return;
      }
      if (o.firstElse != null) {
        // conformance case 20: modutils accepts it and toggles the branch again
        diagnostics.add(
            new Diagnostic(
                Severity.WARNING,
                span,
                "second-else",
                "a second else in the same if: modutils toggles the branch again",
                "else",
                Optional.of(o.firstElse)));
      } else {
        o.firstElse = span;
      }
      o.open(span, Directive.BranchKind.ELSE, Optional.empty());
    }

    private void endif(Span span, Token head) {
      if (open.isEmpty()) {
        stray(span, head, "unmatched endif in line ");
        return;
      }
      closeIf(Optional.of(span));
    }

    /** An else, elseif or endif with no open if: modutils stops reading the file there. */
    private void stray(Span span, Token head, String message) {
      diagnostics.add(
          new Diagnostic(
              Severity.ERROR,
              span,
              "unmatched-" + keyword(head),
              message + lines.lastPhysicalLine(head.getLine()),
              keyword(head),
              Optional.ofNullable(lastClosedIf)));
    }

    private void closeIf(Optional<Span> endif) {
      OpenIf o = open.pop();
      o.closeBranch();
      Span end = endif.orElse(o.last);
      lastClosedIf = o.ifLine;
      add(new Directive.Conditional(o.ifLine.to(end), o.branches, endif));
    }

    private static OpenIf lastOf(Deque<OpenIf> stack) {
      return stack.peekLast();
    }

    private void add(Directive d) {
      OpenIf o = open.peek();
      if (o == null) {
        top.add(d);
      } else {
        o.body.add(d);
        o.last = d.span();
      }
    }

    /** Reads an expression word by word as config.c does (reference 5.2). */
    private Condition condition(List<ModulesConfParser.WordContext> words, int lineEnd) {
      int n = words.size();
      int i = 0;
      ModulesConfParser.WordContext bang = null;
      if (n > 0 && text(words.get(0)).startsWith("!")) {
        bang = words.get(0);
        markShell(bang, LexemeKind.OPERATOR);
        if (!text(bang).equals("!")) {
          warn(
              span(bang),
              "negation-word",
              "modutils drops the whole word " + text(bang) + " after reading its '!'",
              text(bang));
        }
        i = 1;
      }
      Condition test;
      if (i < n && text(words.get(i)).startsWith("-k")) {
        ModulesConfParser.WordContext k = words.get(i);
        markShell(k, LexemeKind.OPERATOR);
        prefixOnly(k, "-k");
        if (bang != null) {
          warn(
              span(bang),
              "negated-k",
              "modutils ignores '!' before -k: the test is the same as -k",
              "!");
        }
        ignoredWords(words, i + 1, "modutils ignores the text after -k");
        test = new Condition.Autoclean(span(k));
      } else if (i < n && text(words.get(i)).startsWith("-f")) {
        ModulesConfParser.WordContext f = words.get(i);
        markShell(f, LexemeKind.OPERATOR);
        prefixOnly(f, "-f");
        ShellWord file =
            i + 1 < n
                ? shellWord(words.get(i + 1), LexemeKind.VALUE)
                : scanner.word(lineEnd, lineEnd);
        if (file.isEmpty()) {
          warn(span(f), "missing-argument", "-f without a file name", "-f");
        }
        ignoredWords(words, i + 2, "modutils tests only the first word after -f");
        test = new Condition.FileTest(range(words, i, Math.min(i + 2, n), lineEnd), file);
      } else {
        boolean numeric = false;
        int first = i;
        if (i < n && text(words.get(i)).startsWith("-n")) {
          numeric = true;
          markShell(words.get(i), LexemeKind.OPERATOR);
          prefixOnly(words.get(i), "-n");
          i++;
        }
        ShellWord left =
            i < n ? shellWord(words.get(i), LexemeKind.TEXT) : scanner.word(lineEnd, lineEnd);
        if (i + 1 < n) {
          ShellWord op = shellWord(words.get(i + 1), LexemeKind.OPERATOR);
          ShellWord right;
          if (i + 2 < n) {
            int from = words.get(i + 2).getStart().getStartIndex();
            int to = words.get(n - 1).getStop().getStopIndex() + 1;
            right = scanner.word(from, to);
            for (ModulesConfParser.WordContext w : words.subList(i + 2, n)) {
              shellWord(w, LexemeKind.TEXT);
            }
          } else {
            right = scanner.word(lineEnd, lineEnd);
          }
          if (op.isLiteral() && Condition.CompareOp.of(op.raw()).isEmpty()) {
            warn(
                op.span(),
                "unknown-operator",
                "unknown operator " + op.raw() + ": modutils takes the test as false",
                op.raw());
          }
          test = new Condition.Compare(range(words, first, n, lineEnd), numeric, left, op, right);
        } else {
          if (left.isEmpty()) {
            warn(
                span(lineEnd, lineEnd),
                "missing-condition",
                "a condition without a word is false",
                "");
          }
          test = new Condition.Truth(range(words, first, n, lineEnd), numeric, left);
        }
      }
      if (bang != null) {
        return new Condition.Not(range(words, 0, n, lineEnd), test);
      }
      return test;
    }

    private void prefixOnly(ModulesConfParser.WordContext w, String prefix) {
      if (!text(w).equals(prefix)) {
        warn(
            span(w),
            "flag-prefix",
            "modutils reads " + text(w) + " as " + prefix + " (it tests two characters)",
            text(w));
      }
    }

    // ------------------------------------------------------------------ words

    private static List<ModulesConfParser.WordContext> words(ModulesConfParser.DirectiveContext d) {
      ModulesConfParser.ArgsContext args = d.getRuleContext(ModulesConfParser.ArgsContext.class, 0);
      return args == null ? List.of() : args.word();
    }

    private static List<ModulesConfParser.WordContext> tail(
        List<ModulesConfParser.WordContext> words, int from) {
      return from >= words.size() ? List.of() : words.subList(from, words.size());
    }

    private ShellWord name(List<ModulesConfParser.WordContext> words, int lineEnd, LexemeKind k) {
      return words.isEmpty() ? scanner.word(lineEnd, lineEnd) : shellWord(words.get(0), k);
    }

    private List<ShellWord> shellWords(List<ModulesConfParser.WordContext> words, LexemeKind k) {
      List<ShellWord> out = new ArrayList<>(words.size());
      for (ModulesConfParser.WordContext w : words) {
        out.add(shellWord(w, k));
      }
      return out;
    }

    /** The word, its text classified as {@code kind} and its quotes checked. */
    private ShellWord shellWord(ModulesConfParser.WordContext w, LexemeKind kind) {
      ShellWord word = markShell(w, kind);
      checkQuotes(word, Severity.ERROR, "");
      return word;
    }

    private ShellWord markShell(ModulesConfParser.WordContext w, LexemeKind kind) {
      int from = w.getStart().getStartIndex();
      int to = w.getStop().getStopIndex() + 1;
      ShellWord word = scanner.word(from, to);
      markLogical(from, to, kind);
      overlayParts(word);
      return word;
    }

    private String text(ModulesConfParser.WordContext w) {
      return logical.substring(w.getStart().getStartIndex(), w.getStop().getStopIndex() + 1);
    }

    private void checkQuotes(ShellWord word, Severity severity, String why) {
      for (ShellWord.Part p : word.parts()) {
        boolean unclosed =
            (p instanceof ShellWord.Part.Quoted q && !q.closed())
                || (p instanceof ShellWord.Part.Substitution s && s.backquoted() && !s.closed());
        if (unclosed) {
          String quote = source.text().substring(p.span().start(), p.span().start() + 1);
          diagnostics.add(
              new Diagnostic(
                  severity,
                  p.span(),
                  "unterminated-quote",
                  "unterminated " + quote + " quote" + (why.isEmpty() ? "" : ": " + why),
                  quote,
                  Optional.empty()));
        }
      }
    }

    private void ignoredWords(List<ModulesConfParser.WordContext> words, int from, String why) {
      if (from < words.size()) {
        ModulesConfParser.WordContext first = words.get(from);
        ModulesConfParser.WordContext last = words.get(words.size() - 1);
        Span span = span(first.getStart().getStartIndex(), last.getStop().getStopIndex() + 1);
        warn(
            span,
            "ignored-words",
            why,
            logical.substring(first.getStart().getStartIndex(), last.getStop().getStopIndex() + 1));
      }
    }

    private void ignoredAdd(Span span, boolean add, String keyword) {
      if (add) {
        warn(span, "ignored-add", "'add' has no effect on " + keyword, "add");
      }
    }

    private void warn(Span span, String code, String message, String offending) {
      diagnostics.add(Diagnostic.warning(span, code, message, offending));
    }

    /** The head keyword without an 'add' prefix and without '='. */
    private static String keyword(Token head) {
      String k = head.getText();
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

    // ------------------------------------------------------------------ spans and lexemes

    private Span span(ModulesConfParser.WordContext w) {
      return span(w.getStart().getStartIndex(), w.getStop().getStopIndex() + 1);
    }

    /** The span of words {@code [from, to)}, or an empty span at {@code lineEnd}. */
    private Span range(List<ModulesConfParser.WordContext> words, int from, int to, int lineEnd) {
      if (from >= to || from >= words.size()) {
        return span(lineEnd, lineEnd);
      }
      return span(
          words.get(from).getStart().getStartIndex(),
          words.get(to - 1).getStop().getStopIndex() + 1);
    }

    /** The span in the file of logical characters {@code [start, end)}. */
    private Span span(int start, int end) {
      int last = logical.length() - 1;
      if (last < 0) {
        return source.span(0, 0);
      }
      int s = Math.min(Math.max(start, 0), last);
      if (end <= start) {
        int o = lines.origin(s);
        return source.span(o, o);
      }
      int e = Math.min(end - 1, last);
      return source.span(lines.origin(s), lines.origin(e) + 1);
    }

    private void markToken(Token t, LexemeKind kind) {
      markLogical(t.getStartIndex(), t.getStopIndex() + 1, kind);
    }

    private void markLogical(int start, int end, LexemeKind kind) {
      int e = Math.min(end, logical.length());
      for (int i = Math.max(0, start); i < e; i++) {
        if (logical.charAt(i) != '\n') {
          int o = lines.origin(i);
          markRange(o, o + 1, kind);
        }
      }
    }

    private void overlayParts(ShellWord word) {
      for (ShellWord.Part p : word.parts()) {
        if (p instanceof ShellWord.Part.Variable v) {
          markRange(v.span().start(), v.span().end(), LexemeKind.VARIABLE);
        } else if (p instanceof ShellWord.Part.Substitution s) {
          markRange(s.span().start(), s.span().end(), LexemeKind.STRING);
        } else if (p instanceof ShellWord.Part.Quoted q) {
          markRange(q.span().start(), q.span().end(), LexemeKind.STRING);
          for (ShellWord.Part inner : q.parts()) {
            if (inner instanceof ShellWord.Part.Variable v) {
              markRange(v.span().start(), v.span().end(), LexemeKind.VARIABLE);
            }
          }
        }
      }
    }

    @SuppressWarnings("EnumOrdinal") // a byte per character keeps a 1 MB line cheap to classify
    private void markRange(int start, int end, LexemeKind kind) {
      int e = Math.min(end, kinds.length);
      byte comment = (byte) (LexemeKind.COMMENT.ordinal() + 1);
      byte cont = (byte) (LexemeKind.CONTINUATION.ordinal() + 1);
      for (int i = Math.max(0, start); i < e; i++) {
        // a part's span may cross a continued line: its comment and backslash stay what they are
        if (kinds[i] != comment && kinds[i] != cont) {
          kinds[i] = (byte) (kind.ordinal() + 1);
        }
      }
    }

    /** Run-length encodes the per-character kinds; unmarked characters are whitespace. */
    private List<Lexeme> lexemes() {
      List<Lexeme> out = new ArrayList<>();
      LexemeKind[] all = LexemeKind.values();
      int length = kinds.length;
      int i = 0;
      while (i < length) {
        int k = kinds[i];
        int j = i + 1;
        while (j < length && kinds[j] == k) {
          j++;
        }
        out.add(new Lexeme(k == 0 ? LexemeKind.WHITESPACE : all[k - 1], i, j));
        i = j;
      }
      return out;
    }
  }
}
