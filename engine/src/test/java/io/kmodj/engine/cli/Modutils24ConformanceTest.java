package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays every record of {@code modutils24/expected.txt} (answers of a real modutils 2.4.25) as
 * its README says: {@code tree/} and {@code cases/} copied to a temporary folder, {@code $ROOT} and
 * {@code $CASES} replaced by the real paths, modules.dep touched last, kernel 2.4.27. Stdout and
 * the exit code must be identical; stderr must carry the same message (file names may be absolute
 * where modutils printed them relative, since the test cannot change the JVM's working directory).
 * Records with {@code FAKE_LOADED} run with that list as the loaded modules ({@code
 * --proc-modules}). Run 19 (an alias loop modutils never returned from) must end with an error
 * naming the loop and a non-zero exit.
 */
class Modutils24ConformanceTest {
  @TempDir static Path tmp;
  static Path root;
  static Path cases;

  /** One record of expected.txt. */
  record Run(String title, String command, String fakeLoaded, String out, String err, int exit) {}

  static Path resource(String name) {
    try {
      return Path.of(Modutils24ConformanceTest.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeAll
  static void copyCorpus() throws IOException {
    Path corpus = resource("modutils24");
    root = tmp.resolve("tree");
    cases = tmp.resolve("cases");
    copy(corpus.resolve("tree"), root);
    copy(corpus.resolve("cases"), cases);
    Path dep = root.resolve("lib/modules/2.4.27/modules.dep");
    // modules.dep newer than every config, as when the answers were recorded
    Files.setLastModifiedTime(dep, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          String text = Files.readString(p, StandardCharsets.ISO_8859_1);
          Files.writeString(target, substitute(text), StandardCharsets.ISO_8859_1);
        }
      }
    }
  }

  static String substitute(String text) {
    return text.replace("$ROOT", root.toString()).replace("$CASES", cases.toString());
  }

  static List<Run> records() throws IOException {
    List<String> lines =
        Files.readAllLines(resource("modutils24/expected.txt"), StandardCharsets.ISO_8859_1);
    List<Run> records = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      if (!lines.get(i).startsWith("############ ")) {
        i++;
        continue;
      }
      String title = lines.get(i).substring(13);
      while (!lines.get(i).equals("--- command")) {
        i++;
      }
      String command = lines.get(++i);
      String fake = null;
      if (lines.get(i + 1).startsWith("(env: FAKE_LOADED='")) {
        String env = lines.get(++i);
        fake = env.substring(env.indexOf('\'') + 1, env.lastIndexOf('\''));
      }
      i += 2; // --- stdout
      StringBuilder out = new StringBuilder();
      while (!lines.get(i).equals("--- stderr")) {
        out.append(lines.get(i++)).append('\n');
      }
      i++;
      StringBuilder err = new StringBuilder();
      while (!lines.get(i).startsWith("--- exit: ")) {
        err.append(lines.get(i++)).append('\n');
      }
      int exit = Integer.parseInt(lines.get(i).substring(10));
      records.add(new Run(title, command, fake, out.toString(), err.toString(), exit));
    }
    return records;
  }

  /** The record's modprobe arguments as kmodj arguments: the shell's backslashes removed. */
  static List<String> arguments(Run r) throws IOException {
    List<String> args = new ArrayList<>(List.of("modprobe", "--dialect", "modutils"));
    args.addAll(List.of("-S", "2.4.27", "-d", root.toString()));
    if (r.fakeLoaded() != null) {
      Path proc = Files.createTempFile(tmp, "proc-modules", "");
      StringBuilder sb = new StringBuilder();
      for (String w : r.fakeLoaded().trim().split("\\s+", -1)) {
        int colon = w.indexOf(':');
        sb.append(colon < 0 ? w : w.substring(0, colon))
            .append(" 1024 ")
            .append(colon < 0 ? "0" : w.substring(colon + 1))
            .append('\n');
      }
      Files.writeString(proc, sb.toString(), StandardCharsets.ISO_8859_1);
      args.addAll(List.of("--proc-modules", proc.toString()));
    }
    String[] words = r.command().split(" ", -1);
    for (int w = 1; w < words.length; w++) {
      String a = words[w].replace("\\", "");
      // -C cases/NAME: the test runs "from the folder holding cases/"
      args.add(a.startsWith("cases/") ? tmp.resolve(a).toString() : a);
    }
    return args;
  }

  @TestFactory
  Stream<DynamicTest> everyRecordAnswersAsModutils() throws IOException {
    return records().stream()
        .map(r -> DynamicTest.dynamicTest(r.title() + ": " + r.command(), () -> replay(r)));
  }

  private static void replay(Run r) throws IOException {
    Kmod30ConformanceTest.Result got =
        Kmod30ConformanceTest.modprobe(arguments(r).toArray(new String[0]));
    String err = got.err().replace(tmp + "/", "");
    if (r.title().startsWith("19 ")) {
      // modutils spun forever; kmodj stops and names the loop
      assertThat(got.exit()).isNotZero();
      assertThat(err).contains("alias loop").contains("loop-a -> loop-b -> loop-a");
      return;
    }
    assertThat(got.out()).isEqualTo(substitute(r.out()));
    assertThat(got.exit()).isEqualTo(r.exit());
    assertThat(err).isEqualTo(substitute(r.err()));
  }

  @Test
  void everyRecordIsReplayed() throws IOException {
    // 50 runs over 25 configs; none is skipped or pending
    assertThat(records()).hasSize(50);
  }
}
