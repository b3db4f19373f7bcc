package io.kmodj.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.cache.CacheStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module index read through the binary cache is the index read from the text files. */
class ModuleIndexCacheTest {
  @TempDir Path tmp;

  private Path copyOfDebian() throws Exception {
    Path from =
        Path.of(
            getClass()
                .getResource(
                    "/kernels/debian-6.1.0-47-cloud-amd64/lib/modules/6.1.0-47-cloud-amd64")
                .toURI());
    Path to = Files.createDirectories(tmp.resolve("lib/modules/6.1.0-47-cloud-amd64"));
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    return to;
  }

  private static String dump(ModuleIndex index) throws Exception {
    StringBuilder sb = new StringBuilder();
    index.aliases().dump("alias ", sb);
    index.symbols().dump("symbol ", sb);
    index.builtinAliases().dump("builtin ", sb);
    for (String m : index.moduleNames()) {
      sb.append(index.dependencies(m).orElseThrow()).append('\n');
    }
    sb.append(index.deviceNodes()).append(index.isBuiltin("ext4"));
    return sb.toString();
  }

  @Test
  void aCachedIndexAnswersAsTheTextFilesAndFollowsTheirChanges() throws Exception {
    Path dir = copyOfDebian();
    CacheStore store = CacheStore.in(tmp.resolve("cache"));
    String expected = dump(ModuleIndex.load(dir.toString()));
    assertThat(dump(ModuleIndex.load(dir.toString(), store))).isEqualTo(expected);
    ModuleIndex cached = ModuleIndex.load(dir.toString(), store);
    assertThat(dump(cached)).isEqualTo(expected);
    assertThat(cached.aliases().search("pci:v00001AF4d00001000sv00001AF4sd00000001bc02sc00i00"))
        .containsExactly("virtio_pci");

    // one alias renamed in place: same size, same time
    Path alias = dir.resolve("modules.alias");
    FileTime time = Files.getLastModifiedTime(alias);
    String text = Files.readString(alias);
    assertThat(text).contains("alias crypto-crc32c crc32c_intel");
    Files.writeString(alias, text.replace("alias crypto-crc32c ", "alias crypto-crc32x "));
    Files.setLastModifiedTime(alias, time);
    ModuleIndex changed = ModuleIndex.load(dir.toString(), store);
    assertThat(changed.aliases().search("crypto_crc32x")).containsExactly("crc32c_intel");
    assertThat(changed.aliases().search("crypto_crc32c")).isEmpty();
    assertThat(dump(changed)).isEqualTo(dump(ModuleIndex.load(dir.toString())));
  }
}
