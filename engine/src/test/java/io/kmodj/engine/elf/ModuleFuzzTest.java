package io.kmodj.engine.elf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/** Mutated modules never make the reader, the symbol reader or modinfo throw. */
class ModuleFuzzTest {
  private static final List<byte[]> SEEDS =
      List.of(
          ModuleWriter.describe(Samples.full(64, "little")).write(),
          ModuleWriter.describe(Samples.full(32, "little")).write(),
          ModuleWriter.describe(Samples.full(64, "big")).write(),
          ModuleWriter.describe(Samples.full(32, "big")).write(),
          ModuleWriter.describe(
                  """
                  kernel: 2.4
                  modinfo: kernel_version=2.4.27
                  modinfo: parm_io=i
                  kstrtab: sound_alloc
                  need: printk
                  need: register_sound_dsp
                  """)
              .write());

  private static Path dir;

  private static synchronized Path dir() {
    try {
      if (dir == null) {
        dir = Files.createTempDirectory("kmodj-fuzz");
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    if (dir != null) {
      try (var s = Files.list(dir)) {
        for (Path p : s.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  /** A mutation: where, what, and whether to cut the file there. */
  record Mutation(int seed, List<Integer> positions, List<Byte> values, boolean truncate) {}

  @Provide
  Arbitrary<Mutation> mutations() {
    return Combinators.combine(
            Arbitraries.integers().between(0, SEEDS.size() - 1),
            Arbitraries.integers().between(0, 4000).list().ofMinSize(1).ofMaxSize(12),
            Arbitraries.bytes().list().ofSize(12),
            Arbitraries.of(true, false))
        .as(Mutation::new);
  }

  @Property(tries = 400)
  void mutatedModulesNeverThrow(@ForAll("mutations") Mutation m) throws IOException {
    byte[] seed = SEEDS.get(m.seed());
    byte[] bytes = seed.clone();
    for (int i = 0; i < m.positions().size(); i++) {
      int at = m.positions().get(i) % bytes.length;
      bytes[at] = m.values().get(i);
    }
    if (m.truncate()) {
      bytes = java.util.Arrays.copyOf(bytes, m.positions().get(0) % bytes.length);
    }
    Path f = dir().resolve("fuzz.ko");
    Files.write(f, bytes);
    Outcome<KernelModule> read = ModuleReader.read(f);
    if (read instanceof Outcome.Ok<KernelModule> ok) {
      ok.value().info().orElse(List.of()).forEach(ModinfoEntry::key);
    }
    Outcome<ElfImage> elf = ElfImage.parse(f, ByteBuffer.wrap(bytes));
    if (elf instanceof Outcome.Ok<ElfImage> ok) {
      new ModuleSymbols(f, ok.value()).modutils24();
    }
    new Modinfo(
            new ModuleDirectory(dir().toString()),
            new Modinfo.Options(Optional.empty(), false, false),
            new ByteArrayOutputStream(),
            new ByteArrayOutputStream())
        .run(List.of(f.toString()));
  }

  @Property(tries = 200)
  void randomBytesAfterAnElfMagicNeverThrow(@ForAll("noise") byte[] tail) {
    byte[] bytes = new byte[tail.length + 4];
    bytes[0] = 0x7f;
    bytes[1] = 'E';
    bytes[2] = 'L';
    bytes[3] = 'F';
    System.arraycopy(tail, 0, bytes, 4, tail.length);
    Outcome<ElfImage> elf = ElfImage.parse(Path.of("noise.ko"), ByteBuffer.wrap(bytes));
    if (elf instanceof Outcome.Ok<ElfImage> ok) {
      ModuleSymbols s = new ModuleSymbols(Path.of("noise.ko"), ok.value());
      s.exported();
      s.needed();
    }
    ModuleSignature.read(ByteBuffer.wrap(bytes));
  }

  @Provide
  Arbitrary<byte[]> noise() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
  }
}
