package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.elf.Modinfo;
import io.kmodj.engine.elf.ModuleDirectory;
import io.kmodj.engine.elf.Oracle;
import io.kmodj.engine.elf.SampleModules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modern sample's indexes, text and binary, are what depmod writes for its module files
 * (kmodj's and kmod 30's alike), and kmod, which reads only the {@code .bin} tries, answers from
 * them as kmodj answers from the text files.
 */
class SampleIndexesTest {
  static final Path SAMPLE = Path.of("..", "samples", "modern").toAbsolutePath().normalize();
  static final String V = SampleModules.RELEASE;
  static final Path DIR = SAMPLE.resolve("lib/modules").resolve(V);

  /** What depmod reads: everything but the indexes it writes. */
  private static final Set<String> INPUTS =
      Set.of("kernel", "modules.order", "modules.builtin", "modules.builtin.modinfo");

  @TempDir Path tmp;

  /** Copies the sample's depmod inputs into a new root, and returns that root. */
  private Path inputs(String name) throws IOException {
    Path root = tmp.resolve(name);
    Path dir = root.resolve("lib/modules").resolve(V);
    List<Path> all;
    try (Stream<Path> s = Files.walk(DIR)) {
      all = s.toList();
    }
    for (Path p : all) {
      Path rel = DIR.relativize(p);
      if (rel.toString().isEmpty() || !INPUTS.contains(rel.getName(0).toString())) {
        continue;
      }
      Path target = dir.resolve(rel.toString());
      if (Files.isDirectory(p)) {
        Files.createDirectories(target);
      } else {
        Files.createDirectories(target.getParent());
        Files.copy(p, target);
      }
    }
    return root;
  }

  /** The files of a release directory but the module tree, each with its bytes. */
  private static Map<String, byte[]> indexes(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        if (Files.isRegularFile(p)) {
          out.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
      }
    }
    return out;
  }

  private static void assertSameIndexes(Path root, String who) throws IOException {
    Map<String, byte[]> written = indexes(root.resolve("lib/modules").resolve(V));
    Map<String, byte[]> checkedIn = indexes(DIR);
    assertThat(written.keySet()).isEqualTo(checkedIn.keySet());
    assertThat(checkedIn)
        .containsKeys(
            "modules.dep.bin",
            "modules.alias.bin",
            "modules.symbols.bin",
            "modules.builtin.bin",
            "modules.builtin.alias.bin");
    for (String name : checkedIn.keySet()) {
      assertThat(written.get(name))
          .as(
              "%s written by %s differs from samples/modern's; regenerate with ./kmodj depmod -b"
                  + " samples/modern %s",
              name, who, V)
          .isEqualTo(checkedIn.get(name));
    }
  }

  @Test
  void checkedInIndexesAreWhatKmodjsDepmodWrites() throws IOException {
    Path root = inputs("kmodj");
    Kmod30ConformanceTest.Result r =
        Kmod30ConformanceTest.modprobe("depmod", "-b", root.toString(), V);
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    assertSameIndexes(root, "kmodj");
  }

  @Test
  void checkedInIndexesAreWhatKmodsDepmodWrites() throws IOException {
    Oracle.requireKmod();
    Path root = inputs("kmod");
    Oracle.Run r = Oracle.run(List.of("depmod", "-b", root.toString(), V), null);
    assertThat(r.stderr()).isEmpty();
    assertThat(r.exitCode()).isZero();
    assertSameIndexes(root, "kmod 30");
  }

  /** Module names, builtin names, literal aliases and symbols of the sample, and an unknown. */
  private static List<String> names() throws IOException {
    Set<String> names = new LinkedHashSet<>();
    for (String rel : SampleModules.modern(SAMPLE).keySet()) {
      String file = rel.substring(rel.lastIndexOf('/') + 1);
      names.add(file.substring(0, file.indexOf('.')));
    }
    List<String> builtin = Files.readAllLines(DIR.resolve("modules.builtin"));
    for (String rel : builtin.subList(0, 12)) {
      String file = rel.substring(rel.lastIndexOf('/') + 1);
      names.add(file.substring(0, file.indexOf('.')));
    }
    for (String file : List.of("modules.alias", "modules.symbols")) {
      for (String line : Files.readAllLines(DIR.resolve(file), StandardCharsets.ISO_8859_1)) {
        String[] w = line.split(" ", -1);
        if (w.length == 3 && w[0].equals("alias") && !w[1].matches(".*[*?\\[].*")) {
          names.add(w[1]);
        }
      }
    }
    String modinfo =
        new String(
            Files.readAllBytes(DIR.resolve("modules.builtin.modinfo")),
            StandardCharsets.ISO_8859_1);
    int n = 0;
    for (String entry : modinfo.split("\0", -1)) {
      int eq = entry.indexOf(".alias=");
      if (eq > 0 && !entry.matches(".*[*?\\[].*") && n++ < 20) {
        names.add(entry.substring(eq + 7));
      }
    }
    names.add("no_such_module");
    return new ArrayList<>(names);
  }

  @Test
  void kmodReadsTheBinaryIndexesAsKmodjReadsTheText() throws IOException {
    Oracle.requireKmod();
    Path noConfig = Files.createDirectories(tmp.resolve("empty.d"));
    List<String> names = names();
    assertThat(names).hasSizeGreaterThan(100);
    for (String name : names) {
      List<String> modinfo = List.of("modinfo", "-b", SAMPLE.toString(), "-k", V, name);
      Oracle.Run kmod = Oracle.run(modinfo, null);
      Oracle.Run ours =
          Oracle.kmodjModinfo(
              new ModuleDirectory(DIR.toString()),
              new Modinfo.Options(Optional.empty(), false, false),
              List.of(name));
      assertThat(ours).as("modinfo %s", name).isEqualTo(kmod);

      List<String> deps =
          List.of(
              "modprobe",
              "-C",
              noConfig.toString(),
              "-d",
              SAMPLE.toString(),
              "-S",
              V,
              "--show-depends",
              name);
      Oracle.Run kmodDeps = Oracle.run(deps, null);
      Kmod30ConformanceTest.Result ourDeps =
          Kmod30ConformanceTest.modprobe(deps.toArray(String[]::new));
      assertThat(ourDeps.out()).as("--show-depends %s", name).isEqualTo(kmodDeps.stdout());
      assertThat(ourDeps.err()).as("--show-depends %s stderr", name).isEqualTo(kmodDeps.stderr());
      assertThat(ourDeps.exit()).as("--show-depends %s exit", name).isEqualTo(kmodDeps.exitCode());
    }
  }
}
