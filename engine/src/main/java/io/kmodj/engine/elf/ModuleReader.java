package io.kmodj.engine.elf;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads module files into {@link KernelModule}s, one file at a time. */
public final class ModuleReader {
  private ModuleReader() {}

  /**
   * Reads a module file.
   *
   * @param file the file ({@code .ko}, compressed or not, or a 2.4 {@code .o})
   * @return the module, or why the file cannot be read as ELF at all
   */
  public static Outcome<KernelModule> read(Path file) {
    return read(file, true);
  }

  /**
   * Reads a module file as depmod needs it: the appended signature is neither opened nor listed in
   * the info (depmod indexes only aliases, soft dependencies and symbols).
   *
   * @param file the file
   * @return the module, without signature, or why the file cannot be read as ELF at all
   */
  public static Outcome<KernelModule> readWithoutSignature(Path file) {
    return read(file, false);
  }

  private static Outcome<KernelModule> read(Path file, boolean withSignature) {
    Outcome<ByteBuffer> content = ModuleContent.load(file);
    if (content instanceof Outcome.Failed<ByteBuffer> f) {
      return Outcome.failed(f.error());
    }
    ByteBuffer bytes = ((Outcome.Ok<ByteBuffer>) content).value();
    Outcome<ElfImage> parsed = ElfImage.parse(file, bytes);
    if (parsed instanceof Outcome.Failed<ElfImage> f) {
      return Outcome.failed(f.error());
    }
    ElfImage elf = ((Outcome.Ok<ElfImage>) parsed).value();
    Optional<ModuleSignature> signature =
        withSignature ? ModuleSignature.read(bytes) : Optional.empty();
    ModuleSymbols symbols = new ModuleSymbols(file, elf);
    return Outcome.ok(
        new KernelModule(
            file,
            KernelModule.nameOf(file),
            info(file, elf, signature),
            symbols.exported(),
            symbols.needed(),
            signature));
  }

  private static Outcome<List<ModinfoEntry>> info(
      Path file, ElfImage elf, Optional<ModuleSignature> signature) {
    ElfImage.Section modinfo = elf.section(".modinfo");
    if (modinfo == null) {
      return Outcome.failed(new ModuleError(file, Errno.ENOENT, "no .modinfo section"));
    }
    List<ModinfoEntry> out = new ArrayList<>();
    for (String s : elf.strings(modinfo)) {
      out.add(ModinfoEntry.parse(s));
    }
    signature.ifPresent(
        sig -> {
          // the order and names of kmod_module_get_info
          out.add(new ModinfoEntry("sig_id", sig.idType()));
          out.add(new ModinfoEntry("signer", sig.signer()));
          out.add(new ModinfoEntry("sig_key", sig.keyId()));
          out.add(new ModinfoEntry("sig_hashalgo", sig.hashAlgo()));
          out.add(new ModinfoEntry("signature", sig.signature()));
        });
    return Outcome.ok(List.copyOf(out));
  }
}
