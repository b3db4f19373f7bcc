package io.kmodj.grammar.modulesconf;

import io.kmodj.grammar.diag.Span;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One directive of a modules.conf file, or a whole {@code if} block. Words are kept as written
 * ({@link ShellWord}); expansion, the {@code add} rules and the built-in defaults belong to the
 * engine. Records compare with their spans; to compare two trees without them (or trees too deep
 * for recursive {@code equals}) compare their {@link ModulesConfDump#canonical canonical dumps}.
 */
public sealed interface Directive {

  /**
   * Where the directive stands: its logical line, or for a block from {@code if} to {@code endif}.
   */
  Span span();

  /**
   * {@code alias NAME TARGET}: NAME stands for the first word of the expanded rest.
   *
   * @param span the line
   * @param name the alias name, never expanded; a shell pattern only for names starting with /
   * @param rest the words after the name; modutils uses the first and ignores the others, and an
   *     empty rest cancels an earlier alias of that name
   */
  record Alias(Span span, ShellWord name, List<ShellWord> rest) implements Directive {
    public Alias {
      Objects.requireNonNull(span, "span");
      Objects.requireNonNull(name, "name");
      rest = List.copyOf(rest);
    }

    /** The target as written, if any. */
    public Optional<ShellWord> target() {
      return rest.stream().findFirst();
    }

    /** Whether the target is {@code off}: requests for the name are refused quietly. */
    public boolean isOff() {
      return target().map(t -> t.raw().equals("off")).orElse(false);
    }

    /** Whether the target is {@code null}: requests succeed and load nothing. */
    public boolean isNull() {
      return target().map(t -> t.raw().equals("null")).orElse(false);
    }

    /** Whether the name is a pattern modutils matches (it starts with / and holds * or ?). */
    public boolean isWildcard() {
      String n = name.raw();
      return n.startsWith("/") && (n.indexOf('*') >= 0 || n.indexOf('?') >= 0);
    }
  }

  /**
   * {@code [add] options [-k] NAME WORD...}.
   *
   * @param span the line
   * @param add whether the words are appended to earlier ones (else they replace them)
   * @param noAutoclean whether {@code -k} came first: never load NAME with autoclean
   * @param name the module or alias (empty after a lone {@code -k})
   * @param values the option words, unexpanded
   */
  record Options(
      Span span, boolean add, boolean noAutoclean, ShellWord name, List<ShellWord> values)
      implements Directive {
    public Options {
      Objects.requireNonNull(span, "span");
      Objects.requireNonNull(name, "name");
      values = List.copyOf(values);
    }
  }

  /** When a hook command runs. */
  enum HookKind {
    PRE_INSTALL("pre-install"),
    INSTALL("install"),
    POST_INSTALL("post-install"),
    PRE_REMOVE("pre-remove"),
    REMOVE("remove"),
    POST_REMOVE("post-remove");

    private final String keyword;

    HookKind(String keyword) {
      this.keyword = keyword;
    }

    /** The directive's keyword. */
    public String keyword() {
      return keyword;
    }
  }

  /**
   * {@code install NAME COMMAND...} and the other five hook forms.
   *
   * @param span the line
   * @param kind which hook
   * @param name the module or alias
   * @param command the shell command, verbatim and never expanded by modutils (may be empty)
   */
  record Hook(Span span, HookKind kind, ShellWord name, ShellWord command) implements Directive {
    public Hook {
      Objects.requireNonNull(span, "span");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(command, "command");
    }
  }

  /** The four directives that name a list of modules. */
  enum ListKind {
    /** Try the modules in order, stop at the first that loads. */
    PROBE("probe"),
    /** Try every module; succeed if one loads. */
    PROBEALL("probeall"),
    /** The modules load after NAME and unload before it. */
    ABOVE("above"),
    /** The modules load before NAME and unload after it. */
    BELOW("below");

    private final String keyword;

    ListKind(String keyword) {
      this.keyword = keyword;
    }

    /** The directive's keyword. */
    public String keyword() {
      return keyword;
    }
  }

  /**
   * {@code [add] probe|probeall|above|below NAME MODULE...}.
   *
   * @param span the line
   * @param kind which list
   * @param add whether the modules are appended to an earlier list (else they replace it)
   * @param name the name the list belongs to
   * @param modules the modules, unexpanded
   */
  record ModuleList(Span span, ListKind kind, boolean add, ShellWord name, List<ShellWord> modules)
      implements Directive {
    public ModuleList {
      Objects.requireNonNull(span, "span");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
      modules = List.copyOf(modules);
    }
  }

  /**
   * {@code prune NAME}: a file name depmod skips.
   *
   * @param span the line
   * @param words the words; modutils prunes only the first
   */
  record Prune(Span span, List<ShellWord> words) implements Directive {
    public Prune {
      Objects.requireNonNull(span, "span");
      words = List.copyOf(words);
    }
  }

  /**
   * {@code define VAR WORD...}: VAR is set to the first word of the expanded rest.
   *
   * @param span the line
   * @param name the variable, never expanded
   * @param value the words after the name, unexpanded
   */
  record Define(Span span, ShellWord name, List<ShellWord> value) implements Directive {
    public Define {
      Objects.requireNonNull(span, "span");
      Objects.requireNonNull(name, "name");
      value = List.copyOf(value);
    }
  }

  /**
   * {@code include FILE}: read FILE here.
   *
   * @param span the line
   * @param words the words; the first is the file (expanded, a glob may match several)
   */
  record Include(Span span, List<ShellWord> words) implements Directive {
    public Include {
      Objects.requireNonNull(span, "span");
      words = List.copyOf(words);
    }
  }

  /**
   * {@code keep}: before the file's first {@code path}, keep the default paths.
   *
   * @param span the line
   */
  record Keep(Span span) implements Directive {
    public Keep {
      Objects.requireNonNull(span, "span");
    }
  }

  /**
   * {@code path=DIR} or {@code path[TAG]=DIR}.
   *
   * @param span the line
   * @param tag the tag between the brackets, if written well ({@code misc} otherwise)
   * @param value the text after {@code =}, blanks before it dropped; every word of its expansion is
   *     a directory
   */
  record Path(Span span, Optional<String> tag, ShellWord value) implements Directive {
    public Path {
      Objects.requireNonNull(span, "span");
      Objects.requireNonNull(tag, "tag");
      Objects.requireNonNull(value, "value");
    }

    /** The tag modutils uses: the written one, or {@code misc}. */
    public String effectiveTag() {
      return tag.orElse("misc");
    }
  }

  /** The {@code NAME=VALUE} settings other than {@code path}. */
  enum SettingKind {
    DEPFILE("depfile"),
    INSMOD_OPT("insmod_opt"),
    PERSISTDIR("persistdir"),
    GENERIC_STRINGFILE("generic_stringfile"),
    PCIMAPFILE("pcimapfile"),
    ISAPNPMAPFILE("isapnpmapfile"),
    USBMAPFILE("usbmapfile"),
    PARPORTMAPFILE("parportmapfile"),
    IEEE1394MAPFILE("ieee1394mapfile"),
    PNPBIOSMAPFILE("pnpbiosmapfile");

    private final String keyword;

    SettingKind(String keyword) {
      this.keyword = keyword;
    }

    /** The name before {@code =}. */
    public String keyword() {
      return keyword;
    }

    /** The kind named {@code keyword}, if any. */
    public static Optional<SettingKind> of(String keyword) {
      for (SettingKind k : values()) {
        if (k.keyword.equals(keyword)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * {@code depfile=FILE}, {@code insmod_opt=OPTS}, {@code persistdir=DIR} or a map file.
   *
   * @param span the line
   * @param kind which setting
   * @param value the text after {@code =}, blanks before it dropped ({@code insmod_opt} is never
   *     expanded)
   */
  record Setting(Span span, SettingKind kind, ShellWord value) implements Directive {
    public Setting {
      Objects.requireNonNull(span, "span");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(value, "value");
    }
  }

  /** The line that opens a branch of an {@code if} block. */
  enum BranchKind {
    IF("if"),
    ELSEIF("elseif"),
    ELSE("else");

    private final String keyword;

    BranchKind(String keyword) {
      this.keyword = keyword;
    }

    /** The keyword. */
    public String keyword() {
      return keyword;
    }
  }

  /**
   * One branch of an {@code if} block: its opening line and the directives under it.
   *
   * @param span the opening line ({@code if}, {@code elseif} or {@code else})
   * @param kind which line opened it
   * @param condition the expression of {@code if}/{@code elseif}; empty for {@code else}
   * @param body the directives until the next branch or {@code endif}
   */
  record Branch(Span span, BranchKind kind, Optional<Condition> condition, List<Directive> body) {
    public Branch {
      Objects.requireNonNull(span, "span");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(condition, "condition");
      if (condition.isPresent() == (kind == BranchKind.ELSE)) {
        throw new IllegalArgumentException(kind + " with condition " + condition);
      }
      body = List.copyOf(body);
    }
  }

  /**
   * An {@code if} block. The branches are kept as written, so modutils' state machine can be
   * replayed: a second {@code else}, or an {@code elseif} after {@code else}, is kept (modutils
   * toggles or skips on them; conformance case 20) and reported as a warning.
   *
   * @param span from the {@code if} line to the {@code endif} line (or the last line read)
   * @param branches the {@code if} branch first, then the others in order
   * @param endif the {@code endif} line; empty when the file ended first (an error)
   */
  record Conditional(Span span, List<Branch> branches, Optional<Span> endif) implements Directive {
    public Conditional {
      Objects.requireNonNull(span, "span");
      branches = List.copyOf(branches);
      Objects.requireNonNull(endif, "endif");
      if (branches.isEmpty() || branches.get(0).kind() != BranchKind.IF) {
        throw new IllegalArgumentException("an if block starts with an if branch");
      }
      for (int i = 1; i < branches.size(); i++) {
        if (branches.get(i).kind() == BranchKind.IF) {
          throw new IllegalArgumentException("only the first branch is an if");
        }
      }
    }
  }
}
