package io.kmodj.engine.config;

import io.kmodj.engine.index.ModuleNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The module settings of a kernel command line, found as kmod 30's {@code
 * kmod_config_parse_kcmdline} finds them: {@code MODULE.PARAM[=VALUE]} words become options for
 * MODULE, {@code modprobe.blacklist=A,B} blacklists A and B. Spaces count only inside a quoted
 * value; a word quoted as a whole ({@code "mod.p=a b"}, as grub passes it) is re-quoted as {@code
 * mod.p="a b"}; any other quote, or a second dot before the {@code =}, makes kmod skip the word.
 * kmod reads at most 4095 bytes of /proc/cmdline.
 */
public final class KernelCommandLine {
  private static final int MAX = 4095;

  /**
   * A {@code MODULE.PARAM} word.
   *
   * @param module the module, as written
   * @param param {@code PARAM=VALUE} or {@code PARAM}
   * @param value the value, if there was an {@code =}
   */
  public record Setting(String module, String param, Optional<String> value) {
    public Setting {
      Objects.requireNonNull(module);
      Objects.requireNonNull(param);
      Objects.requireNonNull(value);
    }
  }

  private final List<Setting> settings = new ArrayList<>();

  /**
   * Parses a command line.
   *
   * @param text the command line (the contents of /proc/cmdline)
   */
  public KernelCommandLine(String text) {
    String buf = text.length() > MAX ? text.substring(0, MAX) : text;
    parse(buf);
  }

  /** The settings, in order. */
  public List<Setting> settings() {
    return List.copyOf(settings);
  }

  /**
   * The configuration entries the command line adds: blacklist entries (names as written) and
   * options (module names normalised; a module name with unpaired brackets is reported instead).
   *
   * @param origin the name to report ({@code /proc/cmdline} or the file given)
   * @param into where to add entries and messages
   */
  public void addTo(Origin origin, ModuleConfig.Builder into) {
    for (Setting s : settings) {
      if (s.module().equals("modprobe") && s.param().startsWith("blacklist=")) {
        // strsep keeps empty fields
        String value = s.value().orElse("");
        for (String name : value.split(",", -1)) {
          into.add(new ConfigEntry.Blacklist(name, origin));
        }
        continue;
      }
      Optional<String> module = ModuleNames.underscores(s.module());
      if (module.isEmpty()) {
        into.message(
            new ConfigMessage(
                origin,
                "bad-cmdline-option",
                "Ignoring bad option on kernel command line while parsing module name: '"
                    + s.module()
                    + "'"));
      } else {
        into.add(new ConfigEntry.Options(module.get(), s.param().replace('\t', ' '), origin));
      }
    }
  }

  private enum State {
    IGNORE,
    MODNAME,
    PARAM,
    VALUE
  }

  private void parse(String buf) {
    State state = State.MODNAME;
    boolean quoted = false;
    int quoteStart = -1;
    int modname = 0;
    int modnameEnd = -1;
    int param = -1;
    int value = -1;
    for (int p = 0; p <= buf.length(); p++) {
      char c = p < buf.length() ? buf.charAt(p) : '\0';
      boolean complete = false;
      if (c == '"') {
        quoted = !quoted;
        // a quote may only open a word looked at as a module name
        if (quoted && state == State.MODNAME && p == modname) {
          quoteStart = p;
          modname = p + 1;
        } else if (state != State.VALUE) {
          state = State.IGNORE;
        }
      } else if (c == '\0' || c == ' ' || (c >= '\t' && c <= '\r')) {
        if (quoted && state == State.VALUE) {
          // a blank inside a quoted value
        } else if (quoted) {
          state = State.IGNORE;
        } else if (state == State.VALUE || state == State.PARAM) {
          complete = true;
        } else {
          modname = p + 1;
          state = State.MODNAME;
          quoteStart = -1;
        }
      } else if (c == '.') {
        if (state == State.MODNAME) {
          modnameEnd = p;
          param = p + 1;
          state = State.PARAM;
        } else if (state == State.PARAM) {
          state = State.IGNORE;
        }
      } else if (c == '=') {
        if (state == State.PARAM) {
          value = p + 1;
          state = State.VALUE;
        } else if (state == State.MODNAME) {
          state = State.IGNORE;
        }
      }
      if (complete) {
        String mod = buf.substring(modname, modnameEnd);
        String par;
        Optional<String> val;
        if (value > param) {
          if (quoteStart >= 0 && quoteStart < modname) {
            // kmod moves the quote from before the module name to after the '='
            val = Optional.of('"' + buf.substring(value, p));
            par = buf.substring(param, value) + val.get();
          } else {
            val = Optional.of(buf.substring(value, p));
            par = buf.substring(param, p);
          }
        } else {
          val = Optional.empty();
          par = buf.substring(param, p);
        }
        settings.add(new Setting(mod, par, val));
        modname = p + 1;
        state = State.MODNAME;
        quoteStart = -1;
      }
    }
  }
}
