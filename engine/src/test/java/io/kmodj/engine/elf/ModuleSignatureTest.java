package io.kmodj.engine.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appended module signatures read as kmod 30 (built with OpenSSL) reads them. */
class ModuleSignatureTest {
  @TempDir Path tmp;

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ModuleSignatureTest.class.getResourceAsStream("signatures/" + name)) {
      return in.readAllBytes();
    }
  }

  /** The kernel's layout: module, signer, key id, signature, struct module_signature, magic. */
  private static byte[] signed(
      byte[] module, int algo, int hash, int idType, byte[] signer, byte[] keyId, byte[] sig) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(module);
    out.writeBytes(signer);
    out.writeBytes(keyId);
    out.writeBytes(sig);
    ByteBuffer info = ByteBuffer.allocate(12);
    info.put((byte) algo).put((byte) hash).put((byte) idType);
    info.put((byte) signer.length).put((byte) keyId.length).put(new byte[3]);
    info.putInt(sig.length);
    out.writeBytes(info.array());
    out.writeBytes("~Module signature appended~\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private List<Path> corpus() throws IOException {
    byte[] module = ModuleWriter.describe("modinfo: license=GPL\nmodinfo: name=signed\n").write();
    byte[] key = new byte[25];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (i * 11);
    }
    byte[] sig256 = resource("pkcs7-sha256.der");
    byte[] sig512 = resource("pkcs7-sha512-indefinite.der");
    byte[] noSigner = new byte[0];
    List<byte[]> files =
        List.of(
            signed(module, 0, 0, 2, noSigner, noSigner, sig256),
            signed(module, 0, 0, 2, noSigner, noSigner, sig512),
            signed(module, 1, 4, 1, "A Signer".getBytes(StandardCharsets.US_ASCII), key, sig256),
            signed(module, 0, 2, 0, "PGP one".getBytes(StandardCharsets.US_ASCII), key, key),
            // kmod rejects these: unknown algorithm, unknown hash, zero length, too long
            signed(module, 5, 0, 1, noSigner, key, key),
            signed(module, 0, 42, 1, noSigner, key, key),
            signed(module, 0, 0, 2, noSigner, noSigner, new byte[0]),
            truncatedTrailer(signed(module, 0, 0, 1, noSigner, key, key)),
            // a PKCS#7 blob that does not parse: no signature fields at all
            signed(module, 0, 0, 2, noSigner, noSigner, key));
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path f = tmp.resolve("signed" + i + ".ko");
      Files.write(f, files.get(i));
      out.add(f);
    }
    return out;
  }

  // sig_len claims more bytes than the file holds
  private static byte[] truncatedTrailer(byte[] b) {
    int at = b.length - 28 - 4;
    ByteBuffer.wrap(b).putInt(at, 1 << 30);
    return b;
  }

  @Test
  void pkcs7SignatureShowsIssuerSerialDigestAndSignature() throws IOException {
    Path f = corpus().get(0);
    KernelModule m = ((Outcome.Ok<KernelModule>) ModuleReader.read(f)).value();
    ModuleSignature sig = m.signature().orElseThrow();
    assertThat(sig.idType()).isEqualTo("PKCS#7");
    assertThat(sig.signer()).isEqualTo("kmodj test signing key");
    assertThat(sig.hashAlgo()).isEqualTo("sha256");
    assertThat(sig.keyId()).matches("([0-9A-F]{2}:)+[0-9A-F]{2}");
    assertThat(m.info().orElse(List.of()))
        .extracting(ModinfoEntry::key)
        .endsWith("sig_id", "signer", "sig_key", "sig_hashalgo", "signature");
  }

  @Test
  void berIndefiniteLengthsAreRead() throws IOException {
    Path f = corpus().get(1);
    KernelModule m = ((Outcome.Ok<KernelModule>) ModuleReader.read(f)).value();
    assertThat(m.signature().orElseThrow().hashAlgo()).isEqualTo("sha512");
  }

  @Test
  void signaturesPrintAsKmodModinfoPrintsThem() throws IOException {
    Oracle.requireKmod();
    List<String> args = new ArrayList<>();
    corpus().forEach(p -> args.add(p.toString()));
    List<String> cmd = new ArrayList<>(List.of("modinfo"));
    cmd.addAll(args);
    Oracle.Run kmod = Oracle.run(cmd, null);
    Oracle.Run kmodj =
        Oracle.kmodjModinfo(
            new ModuleDirectory(tmp.toString()),
            new Modinfo.Options(Optional.empty(), false, false),
            args);
    assertThat(kmodj).isEqualTo(kmod);
  }
}
