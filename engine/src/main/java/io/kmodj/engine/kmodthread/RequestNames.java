package io.kmodj.engine.kmodthread;

import io.kmodj.engine.kernel.Errno;
import java.util.Optional;

/**
 * Which requested names reach a helper program at all. The kernel formats the name into a buffer of
 * {@code MODULE_NAME_LEN} (64 minus a pointer, 56 on 64-bit machines) and refuses a longer one with
 * {@code -ENAMETOOLONG}; kmodj also refuses, with {@code -EINVAL}, names that could be read as an
 * option, a path, or something a shell would interpret, before anything runs.
 */
public final class RequestNames {
  /** {@code MODULE_NAME_LEN} on a 64-bit kernel: the name and its terminating NUL must fit. */
  public static final int MODULE_NAME_LEN = 56;

  private static final String SHELL_METACHARACTERS = " \t;&|$`<>()'\"\\*?[]{}~!#";

  private RequestNames() {}

  /**
   * Why a name is refused.
   *
   * @param errno the positive errno returned
   * @param reason what is wrong with it
   */
  public record Refusal(int errno, String reason) {}

  /**
   * Checks a requested name.
   *
   * @param name the name
   * @return empty when it may be requested, else why not
   */
  public static Optional<Refusal> check(String name) {
    if (name.isEmpty()) {
      return Optional.of(new Refusal(Errno.EINVAL, "empty name"));
    }
    if (name.length() >= MODULE_NAME_LEN) {
      return Optional.of(
          new Refusal(
              Errno.ENAMETOOLONG, "name longer than " + (MODULE_NAME_LEN - 1) + " characters"));
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c)) {
        return Optional.of(new Refusal(Errno.EINVAL, "control character in name"));
      }
    }
    if (name.startsWith("-")) {
      return Optional.of(new Refusal(Errno.EINVAL, "name starts with '-'"));
    }
    if (name.indexOf('/') >= 0) {
      return Optional.of(new Refusal(Errno.EINVAL, "'/' in name"));
    }
    if (name.contains("..")) {
      return Optional.of(new Refusal(Errno.EINVAL, "'..' in name"));
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (SHELL_METACHARACTERS.indexOf(c) >= 0) {
        return Optional.of(new Refusal(Errno.EINVAL, "shell metacharacter '" + c + "' in name"));
      }
    }
    return Optional.empty();
  }

  /** A name printable in a log line: control characters shown as {@code \\xNN}. */
  static String printable(String name) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < name.length() && i < 80; i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c)) {
        sb.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
