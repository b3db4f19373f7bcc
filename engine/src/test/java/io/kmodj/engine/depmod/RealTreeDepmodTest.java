package io.kmodj.engine.depmod;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.elf.Oracle;
import io.kmodj.engine.elf.RealTree;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** kmodj's depmod against kmod 30's on Debian's cloud kernel. */
class RealTreeDepmodTest {
  @TempDir Path tmp;

  private static Indexes kmodjIndexes(Path dir) {
    Diagnostics log = new Diagnostics();
    Optional<Indexes> indexes =
        new Depmod(
                new Depmod.Options(
                    dir.toString(),
                    List.of(),
                    DepmodConfig.defaults(),
                    List.of(),
                    false,
                    false,
                    '\0'),
                log)
            .compute();
    assertThat(log.messages()).isEmpty();
    return indexes.orElseThrow();
  }

  private static String concatenated(Indexes indexes) {
    StringBuilder sb = new StringBuilder();
    indexes.files().forEach(f -> sb.append(f.text()));
    return sb.toString();
  }

  @Test
  void depmodPrintsWhatRealDepmodPrints() {
    Path dir = RealTree.moduleDir();
    Path root = dir.getParent().getParent().getParent();
    Oracle.Run kmod =
        Oracle.run(
            List.of("depmod", "-n", "-b", root.toString(), String.valueOf(dir.getFileName())),
            null);
    assertThat(kmod.exitCode()).isZero();
    assertThat(concatenated(kmodjIndexes(dir))).isEqualTo(kmod.stdout());
  }

  @Test
  void depmodWritesTheFilesRealDepmodWrote() throws IOException {
    Path dir = RealTree.moduleDir();
    Diagnostics log = new Diagnostics();
    Depmod depmod =
        new Depmod(
            new Depmod.Options(
                dir.toString(), List.of(), DepmodConfig.defaults(), List.of(), false, false, '\0'),
            log);
    Indexes indexes = depmod.compute().orElseThrow();
    List<Indexes.Binary> binaries = depmod.binaryIndexes();
    assertThat(log.messages()).isEmpty();
    IndexWriter writer = new IndexWriter(tmp);
    for (Indexes.File f : indexes.files()) {
      writer.write(f.name(), f.text());
    }
    for (Indexes.Binary b : binaries) {
      writer.write(b.name(), b.bytes());
    }
    List<String> names = new ArrayList<>();
    indexes.files().forEach(f -> names.add(f.name()));
    binaries.forEach(b -> names.add(b.name()));
    for (String name : names) {
      assertThat(Files.readAllBytes(tmp.resolve(name)))
          .as(name)
          .isEqualTo(Files.readAllBytes(dir.resolve(name)));
    }
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("no temporary file is left behind")
          .containsExactlyInAnyOrderElementsOf(names);
    }
    assertThat(names)
        .contains(
            "modules.dep.bin",
            "modules.alias.bin",
            "modules.symbols.bin",
            "modules.builtin.bin",
            "modules.builtin.alias.bin");
  }

  @Test
  void compressedTreeIndexesAsRealDepmodIndexesIt() throws IOException {
    Path dir = RealTree.moduleDir();
    Path version = tmp.resolve("lib/modules/" + dir.getFileName());
    // a slice of the tree, xz-compressed, some modules outside modules.order
    List<String> order = Files.readAllLines(dir.resolve("modules.order"));
    List<String> slice = new ArrayList<>(order.subList(0, Math.min(150, order.size())));
    for (int i = 0; i < slice.size(); i++) {
      String rel = slice.get(i);
      Path target = version.resolve(rel + (i % 3 == 0 ? "" : ".xz"));
      Files.createDirectories(target.getParent());
      if (i % 3 == 0) {
        Files.copy(dir.resolve(rel), target);
      } else {
        try (OutputStream out =
            new XZOutputStream(Files.newOutputStream(target), new LZMA2Options(1))) {
          Files.copy(dir.resolve(rel), out);
        }
      }
    }
    Files.write(
        version.resolve("modules.order"),
        String.join("\n", slice.subList(0, 120)).concat("\n").getBytes(StandardCharsets.UTF_8));
    Oracle.Run kmod =
        Oracle.run(
            List.of("depmod", "-n", "-b", tmp.toString(), String.valueOf(dir.getFileName())), null);
    assertThat(kmod.exitCode()).isZero();
    assertThat(concatenated(kmodjIndexes(version))).isEqualTo(kmod.stdout());
  }
}
