package io.kmodj.gui.editor;

import io.kmodj.grammar.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The directive words the editor knows, and what the manuals say of each.
 *
 * <p>The set is the union of kmod's {@code modprobe.d(5)} (alias, options, install, remove,
 * blacklist, softdep with {@code pre:}/{@code post:}, weakdep; include and config), modutils'
 * {@code modules.conf(5)}, and every word vim's {@code modconf.vim} and Emacs' {@code
 * etc-modules-conf-generic-mode} colour as a keyword: a word modprobe.d does not honour (say {@code
 * pre-install}) is still coloured as a directive, the parser's error says kmod ignores it.
 */
public final class Directives {
  /** The documentation texts, one per directive word ({@code directives.properties}). */
  private static final Properties DOCS = load();

  /** Directives kmod's modprobe.d honours, in the order its manual lists them. */
  public static final Set<String> MODPROBE_D =
      Set.of(
          "alias",
          "blacklist",
          "install",
          "options",
          "remove",
          "softdep",
          "weakdep",
          "include",
          "config");

  /** Directives of modutils' modules.conf, assignments without their {@code =}. */
  public static final Set<String> MODULES_CONF =
      Set.of(
          "alias",
          "options",
          "install",
          "remove",
          "pre-install",
          "post-install",
          "pre-remove",
          "post-remove",
          "probe",
          "probeall",
          "above",
          "below",
          "add",
          "define",
          "include",
          "keep",
          "path",
          "prune",
          "depfile",
          "generic_stringfile",
          "pcimapfile",
          "isapnpmapfile",
          "usbmapfile",
          "parportmapfile",
          "ieee1394mapfile",
          "pnpbiosmapfile",
          "insmod_opt",
          "persistdir",
          "if",
          "elseif",
          "else",
          "endif",
          "blacklist");

  private static final Set<String> ALL = union();

  private Directives() {}

  private static Set<String> union() {
    Set<String> all = new TreeSet<>(MODPROBE_D);
    all.addAll(MODULES_CONF);
    return Collections.unmodifiableSet(all);
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = Directives.class.getResourceAsStream("directives.properties")) {
      if (in == null) {
        throw new IllegalStateException("directives.properties is missing from the classpath");
      }
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /**
   * Whether a word is a directive of either dialect (or a keyword the usual editors colour so).
   *
   * @param word a word at the start of a logical line; {@code path[TAG]} counts as {@code path}
   * @return true for a directive word
   */
  public static boolean isDirective(String word) {
    return ALL.contains(base(word));
  }

  /**
   * The directives a dialect honours.
   *
   * @param dialect the file's dialect
   * @return {@link #MODPROBE_D} or {@link #MODULES_CONF}
   */
  public static Set<String> of(Dialect dialect) {
    return dialect == Dialect.MODUTILS ? MODULES_CONF : MODPROBE_D;
  }

  /**
   * Every directive word, sorted.
   *
   * @return the words
   */
  public static Set<String> all() {
    return ALL;
  }

  /**
   * What the manual says of a directive.
   *
   * @param word the directive word ({@code path[net]} and {@code depfile=} count as their base)
   * @return the documentation text, empty for a word that is no directive
   */
  public static Optional<String> documentation(String word) {
    return Optional.ofNullable(DOCS.getProperty(base(word)));
  }

  private static String base(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    int cut = w.length();
    for (int i = 0; i < w.length(); i++) {
      if (w.charAt(i) == '[' || w.charAt(i) == '=') {
        cut = i;
        break;
      }
    }
    return w.substring(0, cut);
  }
}
