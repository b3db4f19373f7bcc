package io.kmodj.grammar.modulesconf;

import io.kmodj.grammar.diag.Diagnostic;
import io.kmodj.grammar.diag.Severity;
import io.kmodj.grammar.diag.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Nests the flat {@code if}, {@code elseif}, {@code else} and {@code endif} lines of a file into
 * {@link Directive.Conditional}s with an explicit stack, so depth costs no Java stack. Structural
 * errors use modutils' words ({@code Too many nested if's in line N}, {@code unmatched endif in
 * line N}, {@code missing endif at FILE EOF}). Used once per file.
 */
final class IfStack {
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

  private final WordReader words;
  private final List<Directive> top = new ArrayList<>();
  private final Deque<OpenIf> open = new ArrayDeque<>();
  private Span lastClosedIf;
  private boolean reportedDepth;

  /**
   * Starts with no {@code if} open.
   *
   * @param words the file's words, where diagnostics go
   */
  IfStack(WordReader words) {
    this.words = words;
  }

  /** Adds a directive to the innermost open branch, or to the file. */
  void add(Directive d) {
    OpenIf o = open.peek();
    if (o == null) {
      top.add(d);
    } else {
      o.body.add(d);
      o.last = d.span();
    }
  }

  /** Opens an {@code if} block. */
  void openIf(Span span, Condition condition) {
    open.push(new OpenIf(span, condition));
    if (open.size() > ModulesConfSyntax.MAX_IF_DEPTH && !reportedDepth) {
      reportedDepth = true;
      words.report(
          new Diagnostic(
              Severity.ERROR,
              span,
              "if-depth",
              "Too many nested if's in line " + span.endLine(),
              "if",
              Optional.of(open.peekLast().ifLine)));
    }
  }

  /** Starts an {@code elseif} branch; {@code line} is the logical line, for a stray one. */
  void elseif(Span span, int line, Condition condition) {
    OpenIf o = open.peek();
    if (o == null) {
      stray(span, line, "elseif", "elseif without if in line ");
      return;
    }
    if (o.firstElse != null) {
      words.report(
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

  /** Starts an {@code else} branch. */
  void otherwise(Span span, int line) {
    OpenIf o = open.peek();
    if (o == null) {
      stray(span, line, "else", "else without if in line ");
      return;
    }
    if (o.firstElse != null) {
      // conformance case 20: modutils accepts it and toggles the branch again
      words.report(
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

  /** Closes the innermost {@code if} block. */
  void endif(Span span, int line) {
    if (open.isEmpty()) {
      stray(span, line, "endif", "unmatched endif in line ");
      return;
    }
    closeIf(Optional.of(span));
  }

  /**
   * Closes every block still open, each with a {@code missing endif} error.
   *
   * @return the file's top-level directives
   */
  List<Directive> finish() {
    int length = words.source().text().length();
    Span eof = words.source().span(length, length);
    while (!open.isEmpty()) {
      OpenIf o = open.peek();
      words.report(
          new Diagnostic(
              Severity.ERROR,
              o.ifLine,
              "missing-endif",
              "missing endif at " + words.file() + " EOF",
              "if",
              Optional.of(eof)));
      closeIf(Optional.empty());
    }
    return top;
  }

  /** An else, elseif or endif with no open if: modutils stops reading the file there. */
  private void stray(Span span, int line, String keyword, String message) {
    words.report(
        new Diagnostic(
            Severity.ERROR,
            span,
            "unmatched-" + keyword,
            message + words.lastPhysicalLine(line),
            keyword,
            Optional.ofNullable(lastClosedIf)));
  }

  private void closeIf(Optional<Span> endif) {
    OpenIf o = open.pop();
    o.closeBranch();
    Span end = endif.orElse(o.last);
    lastClosedIf = o.ifLine;
    add(new Directive.Conditional(o.ifLine.to(end), o.branches, endif));
  }
}
