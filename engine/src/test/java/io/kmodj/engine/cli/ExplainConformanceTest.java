package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.explain.Explanation;
import io.kmodj.engine.explain.KmodExplainer;
import io.kmodj.engine.system.ModuleSystem;
import io.kmodj.engine.system.SystemSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan inside {@code kmodj explain} is what {@code modprobe --show-depends NAME} prints: for
 * every such query of the kmod 30 corpus (and of kmodj's own cases recorded with kmod 30), and for
 * every module name and alias string of its workload, the explanation's plan text and exit status
 * equal kmod's recorded answer.
 */
class ExplainConformanceTest {
  @TempDir static Path tmp;

  @TestFactory
  Stream<DynamicTest> everyShowDependsQueryOfTheCorpus() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String folder : List.of("kmod30/cases", "kmodj-cases")) {
      List<Path> dirs;
      try (Stream<Path> s = Files.list(Kmod30ConformanceTest.resource(folder))) {
        dirs = s.filter(Files::isDirectory).sorted().toList();
      }
      for (Path dir : dirs) {
        Path cmdline = dir.resolve("cmdline.txt");
        if (!Files.exists(cmdline)) {
          cmdline = tmp.resolve("default-cmdline.txt");
          Files.writeString(cmdline, Kmod30ConformanceTest.DEFAULT_CMDLINE);
        }
        ModuleSystem sys = system(dir.resolve("modprobe.d"), cmdline);
        for (Kmod30ConformanceTest.Query q :
            Kmod30ConformanceTest.expected(dir.resolve("expected.txt"))) {
          String[] words = q.args().split(" ", -1);
          if (words.length != 2 || !words[0].equals("--show-depends")) {
            continue;
          }
          tests.add(
              DynamicTest.dynamicTest(
                  dir.getFileName() + ": explain " + words[1],
                  () -> {
                    Explanation e = new KmodExplainer(sys).explain(words[1]);
                    assertThat(e.planText()).isEqualTo(want(q.out()));
                    assertThat(e.exit()).isEqualTo(q.exit());
                    assertThat(e.found()).isEqualTo(q.exit() == 0);
                  }));
        }
      }
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(40);
    return tests.stream();
  }

  private static ModuleSystem system(Path config, Path cmdline) throws IOException {
    return ModuleSystem.load(
        new SystemSpec(
            Optional.of(Kmod30ConformanceTest.root().toString()),
            Optional.of(Kmod30ConformanceTest.VERSION),
            List.of(config.toString()),
            Optional.of(cmdline.toString())));
  }

  private static String want(List<String> out) {
    return String.join("", out.stream().map(l -> l + "\n").toList())
        .replace("$ROOT", Kmod30ConformanceTest.root().toString());
  }

  @Test
  void everyNameAndAliasOfTheWorkload() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty-modprobe.d"));
    Path cmdline = tmp.resolve("workload-cmdline.txt");
    Files.writeString(cmdline, Kmod30ConformanceTest.DEFAULT_CMDLINE);
    KmodExplainer explainer = new KmodExplainer(system(empty, cmdline));
    Path dir = Kmod30ConformanceTest.resource("kmod30/workload");
    int checked = 0;
    for (String kind : List.of("names", "aliases")) {
      List<String> lines =
          Files.readAllLines(dir.resolve(kind + ".expected"), StandardCharsets.ISO_8859_1);
      String name = null;
      List<String> out = new ArrayList<>();
      for (String line : lines) {
        if (line.startsWith("### ")) {
          name = line.substring(4);
          out = new ArrayList<>();
        } else if (line.startsWith("exit ")) {
          Explanation e = explainer.explain(name);
          assertThat(e.planText()).as("explain %s", name).isEqualTo(want(out));
          assertThat(e.exit())
              .as("exit of %s", name)
              .isEqualTo(Integer.parseInt(line.substring(5)));
          checked++;
        } else {
          out.add(line);
        }
      }
    }
    assertThat(checked).isGreaterThan(3_000);
  }
}
