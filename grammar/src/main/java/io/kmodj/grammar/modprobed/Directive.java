package io.kmodj.grammar.modprobed;

import io.kmodj.grammar.diag.Span;
import io.kmodj.grammar.text.Word;
import java.util.List;
import java.util.Objects;

/**
 * One directive of a modprobe.d file. Names are kept as written; kmod's normalisation ({@code -} to
 * {@code _}) belongs to the engine, so the AST prints back exactly.
 */
public sealed interface Directive {

  /** Where the whole logical line stands (continuation lines included). */
  Span span();

  /** The module (or alias) name the directive is about. */
  Word name();

  /**
   * {@code alias WILDCARD MODULE}.
   *
   * @param span the line
   * @param name the alias name or shell pattern
   * @param module the module it stands for
   */
  record Alias(Span span, Word name, Word module) implements Directive {
    public Alias {
      Objects.requireNonNull(span);
      Objects.requireNonNull(name);
      Objects.requireNonNull(module);
    }
  }

  /**
   * {@code options MODULE OPTIONS...}.
   *
   * @param span the line
   * @param name the module or alias
   * @param options the rest of the line, verbatim (kmod keeps its internal spacing)
   */
  record Options(Span span, Word name, Word options) implements Directive {
    public Options {
      Objects.requireNonNull(span);
      Objects.requireNonNull(name);
      Objects.requireNonNull(options);
    }
  }

  /**
   * {@code install MODULE COMMAND...}.
   *
   * @param span the line
   * @param name the module
   * @param command the shell command, verbatim
   */
  record Install(Span span, Word name, Word command) implements Directive {
    public Install {
      Objects.requireNonNull(span);
      Objects.requireNonNull(name);
      Objects.requireNonNull(command);
    }
  }

  /**
   * {@code remove MODULE COMMAND...}.
   *
   * @param span the line
   * @param name the module
   * @param command the shell command, verbatim
   */
  record Remove(Span span, Word name, Word command) implements Directive {
    public Remove {
      Objects.requireNonNull(span);
      Objects.requireNonNull(name);
      Objects.requireNonNull(command);
    }
  }

  /**
   * {@code blacklist MODULE}.
   *
   * @param span the line
   * @param name the module whose internal aliases are ignored
   */
  record Blacklist(Span span, Word name) implements Directive {
    public Blacklist {
      Objects.requireNonNull(span);
      Objects.requireNonNull(name);
    }
  }

  /**
   * {@code softdep MODULE pre: A... post: B...}.
   *
   * @param span the line
   * @param name the module
   * @param text the rest of the line, verbatim (kmod's {@code -c} prints its parsed lists)
   * @param pre the modules to load before, as kmod splits them
   * @param post the modules to load after, as kmod splits them
   */
  record Softdep(Span span, Word name, Word text, List<Word> pre, List<Word> post)
      implements Directive {
    public Softdep {
      Objects.requireNonNull(span);
      Objects.requireNonNull(name);
      Objects.requireNonNull(text);
      pre = List.copyOf(pre);
      post = List.copyOf(post);
    }
  }

  /**
   * {@code weakdep MODULE A...} (kmod 33 and later; kmod 30 calls it a bad line).
   *
   * @param span the line
   * @param name the module
   * @param modules the modules it may need
   */
  record Weakdep(Span span, Word name, List<Word> modules) implements Directive {
    public Weakdep {
      Objects.requireNonNull(span);
      Objects.requireNonNull(name);
      modules = List.copyOf(modules);
    }
  }
}
