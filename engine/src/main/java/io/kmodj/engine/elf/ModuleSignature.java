package io.kmodj.engine.elf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The signature appended to a module ({@code ~Module signature appended~}), as kmod 30's {@code
 * kmod_module_signature_info} reports it: PKCS#7 signatures are opened (issuer's common name,
 * serial number, digest algorithm, signature bytes), the older formats are read field by field.
 *
 * @param idType "PKCS#7", "X509" or "PGP"
 * @param signer the signer's name (may be empty)
 * @param keyId the key identifier (the certificate serial number for PKCS#7), as kmod prints it
 *     ({@link #hex(byte[])})
 * @param hashAlgo the digest algorithm ("sha256", …)
 * @param signature the signature bytes, as kmod prints them ({@link #hex(byte[])})
 */
public record ModuleSignature(
    String idType, String signer, String keyId, String hashAlgo, String signature) {
  private static final byte[] MAGIC =
      "~Module signature appended~\n".getBytes(StandardCharsets.US_ASCII);
  private static final int INFO_SIZE = 12;
  private static final List<String> HASHES =
      List.of("md4", "md5", "sha1", "rmd160", "sha256", "sha384", "sha512", "sha224", "sm3");
  private static final List<String> ID_TYPES = List.of("PGP", "X509", "PKCS#7");
  private static final int PKEY_ALGO_LAST = 2;
  private static final String HEX = "0123456789ABCDEF";

  /**
   * Reads the signature trailer of a module's content.
   *
   * @param content the whole (decompressed) file
   * @return the signature, or empty when there is none or kmod would not accept it
   */
  public static Optional<ModuleSignature> read(ByteBuffer content) {
    int size = content.limit();
    if (size < MAGIC.length) {
      return Optional.empty();
    }
    size -= MAGIC.length;
    for (int i = 0; i < MAGIC.length; i++) {
      if (content.get(size + i) != MAGIC[i]) {
        return Optional.empty();
      }
    }
    if (size < INFO_SIZE) {
      return Optional.empty();
    }
    size -= INFO_SIZE;
    int algo = content.get(size) & 0xff;
    int hash = content.get(size + 1) & 0xff;
    int idType = content.get(size + 2) & 0xff;
    int signerLen = content.get(size + 3) & 0xff;
    int keyIdLen = content.get(size + 4) & 0xff;
    // sig_len is big-endian whatever the module's byte order
    long sigLen = 0;
    for (int i = 8; i < INFO_SIZE; i++) {
      sigLen = (sigLen << 8) | (content.get(size + i) & 0xff);
    }
    if (algo >= PKEY_ALGO_LAST || hash >= HASHES.size() || idType >= ID_TYPES.size()) {
      return Optional.empty();
    }
    if (sigLen == 0 || size < signerLen + keyIdLen + sigLen) {
      return Optional.empty();
    }
    int sigStart = (int) (size - sigLen);
    byte[] sig = new byte[(int) sigLen];
    content.get(sigStart, sig);
    if (idType == 2) {
      return Pkcs7.signerOf(sig)
          .map(
              s ->
                  new ModuleSignature(
                      ID_TYPES.get(idType),
                      s.issuerCommonName(),
                      hex(s.serial()),
                      s.digest(),
                      hex(s.signature())));
    }
    byte[] key = new byte[keyIdLen];
    content.get(sigStart - keyIdLen, key);
    byte[] signer = new byte[signerLen];
    content.get(sigStart - keyIdLen - signerLen, signer);
    return Optional.of(
        new ModuleSignature(
            ID_TYPES.get(idType),
            new String(signer, StandardCharsets.ISO_8859_1),
            hex(key),
            HASHES.get(hash),
            hex(sig)));
  }

  /**
   * Formats bytes as kmod does: {@code 01:AB:…}, a line break and two tabs after every 20 bytes.
   *
   * @param bytes the bytes
   * @return the text
   */
  public static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < bytes.length; i++) {
      sb.append(HEX.charAt((bytes[i] >> 4) & 0xf)).append(HEX.charAt(bytes[i] & 0xf));
      if (i < bytes.length - 1) {
        sb.append(':');
        if ((i + 1) % 20 == 0) {
          sb.append("\n\t\t");
        }
      }
    }
    return sb.toString();
  }
}
