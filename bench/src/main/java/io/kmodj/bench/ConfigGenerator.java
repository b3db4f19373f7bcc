package io.kmodj.bench;

import java.util.Random;

/**
 * Writes large, realistic configuration files for benchmarks, the same for the same seed: the mix
 * of directives the benchmark targets in docs/BENCHMARKS.md name.
 */
public final class ConfigGenerator {
  private ConfigGenerator() {}

  /**
   * Writes a generated file: {@code ConfigGenerator modprobe.d|modules.conf LINES FILE}.
   *
   * @param args dialect, number of lines, output file
   * @throws java.io.IOException if the file cannot be written
   */
  public static void main(String[] args) throws java.io.IOException {
    if (args.length != 3) {
      System.err.println("usage: ConfigGenerator modprobe.d|modules.conf LINES FILE");
      System.exit(2);
    }
    int lines = Integer.parseInt(args[1]);
    String text = args[0].equals("modules.conf") ? modulesConf(lines, 42) : modprobeD(lines, 42);
    java.nio.file.Files.writeString(java.nio.file.Path.of(args[2]), text);
  }

  /**
   * A modprobe.d file: 40% options, 30% wildcard aliases, 10% blacklist, 10% comments, 5% softdep,
   * 5% install.
   *
   * @param lines number of lines
   * @param seed random seed
   * @return the text
   */
  public static String modprobeD(int lines, long seed) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder(lines * 48);
    for (int i = 0; i < lines; i++) {
      int pick = r.nextInt(100);
      String m = module(r);
      if (pick < 40) {
        sb.append("options ").append(m).append(" debug=").append(r.nextInt(8));
        sb.append(" irq=").append(r.nextInt(16)).append(" mode=\"fast path\"\n");
      } else if (pick < 70) {
        sb.append("alias pci:v0000").append(hex(r)).append("d0000").append(hex(r));
        sb.append("sv*sd*bc*sc*i* ").append(m).append('\n');
      } else if (pick < 80) {
        sb.append("blacklist ").append(m).append('\n');
      } else if (pick < 90) {
        sb.append("# ").append(m).append(" is configured here for line ").append(i).append('\n');
      } else if (pick < 95) {
        sb.append("softdep ").append(m).append(" pre: ").append(module(r));
        sb.append(" post: ").append(module(r)).append('\n');
      } else {
        sb.append("install ").append(m).append(" /sbin/modprobe --ignore-install ").append(m);
        sb.append(" $CMDLINE_OPTS && /bin/echo loaded\n");
      }
    }
    return sb.toString();
  }

  /**
   * A modules.conf file of a similar mix: options, wildcard aliases, probeall, below/above,
   * pre-install commands, comments and nested ifs.
   *
   * @param lines number of lines (approximately; an if block is closed when started)
   * @param seed random seed
   * @return the text
   */
  public static String modulesConf(int lines, long seed) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder(lines * 40);
    int depth = 0;
    for (int i = 0; i < lines; i++) {
      int pick = r.nextInt(100);
      String m = module(r);
      if (pick < 35) {
        sb.append("options ").append(m).append(" io=0x").append(hex(r)).append(" irq=");
        sb.append(r.nextInt(16)).append('\n');
      } else if (pick < 60) {
        sb.append("alias /dev/").append(m).append("* ").append(m).append('\n');
      } else if (pick < 65) {
        sb.append("alias char-major-").append(r.nextInt(256)).append(' ').append(m).append('\n');
      } else if (pick < 72) {
        sb.append("probeall ").append(m).append(' ').append(module(r)).append(' ');
        sb.append(module(r)).append('\n');
      } else if (pick < 78) {
        sb.append(r.nextBoolean() ? "below " : "above ").append(m).append(' ');
        sb.append(module(r)).append('\n');
      } else if (pick < 83) {
        sb.append("pre-install ").append(m).append(" /sbin/modprobe ").append(module(r));
        sb.append('\n');
      } else if (pick < 90) {
        sb.append("# ").append(m).append(" settings, line ").append(i).append('\n');
      } else if (pick < 95 && depth < 20) {
        sb.append("if `uname -r` == 2.4.").append(r.nextInt(30)).append('\n');
        depth++;
      } else if (depth > 0) {
        sb.append(r.nextBoolean() ? "else\n" : "endif\n");
        if (sb.charAt(sb.length() - 2) == 'f') {
          depth--;
        }
      } else {
        sb.append("define ").append(m.toUpperCase(java.util.Locale.ROOT)).append(" 1\n");
      }
    }
    while (depth-- > 0) {
      sb.append("endif\n");
    }
    return sb.toString();
  }

  private static String module(Random r) {
    return "mod" + r.nextInt(5000) + (r.nextBoolean() ? "_drv" : "-core");
  }

  private static String hex(Random r) {
    return String.format(java.util.Locale.ROOT, "%04X", r.nextInt(0x10000));
  }
}
