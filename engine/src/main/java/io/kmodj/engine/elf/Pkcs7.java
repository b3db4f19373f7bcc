package io.kmodj.engine.elf;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the first signer of a PKCS#7 (CMS) SignedData message, which is all kmod takes from a
 * module signature. A small DER/BER walker: definite and indefinite lengths, bounds checked, no
 * exception on bad input.
 */
final class Pkcs7 {
  /**
   * What kmod shows of a signer.
   *
   * @param issuerCommonName the issuer's CN (or the last name attribute when there is no CN)
   * @param serial the certificate serial number, big-endian without leading zeros
   * @param digest the digest algorithm's kmod name
   * @param signature the encrypted digest
   */
  @SuppressWarnings("ArrayRecordComponent") // private, built once and read once
  record Signer(String issuerCommonName, byte[] serial, String digest, byte[] signature) {}

  private static final Map<String, String> DIGESTS =
      Map.of(
          "1.2.840.113549.2.4", "md4",
          "1.2.840.113549.2.5", "md5",
          "1.3.14.3.2.26", "sha1",
          "1.3.36.3.2.1", "rmd160",
          "2.16.840.1.101.3.4.2.1", "sha256",
          "2.16.840.1.101.3.4.2.2", "sha384",
          "2.16.840.1.101.3.4.2.3", "sha512",
          "2.16.840.1.101.3.4.2.4", "sha224",
          "1.2.156.10197.1.401", "sm3");
  private static final String COMMON_NAME = "2.5.4.3";
  private static final int MAX_DEPTH = 32;

  /** A decoded element: its tag byte and where its content lies. */
  private record Tlv(int tag, int start, int end, int next) {
    boolean constructed() {
      return (tag & 0x20) != 0;
    }
  }

  private final byte[] der;

  private Pkcs7(byte[] der) {
    this.der = der;
  }

  /**
   * Reads the first signer of a PKCS#7 message.
   *
   * @param der the message
   * @return the signer, or empty when the message is not one kmod can read
   */
  static Optional<Signer> signerOf(byte[] der) {
    return Optional.ofNullable(new Pkcs7(der).firstSigner());
  }

  private Signer firstSigner() {
    Tlv contentInfo = tlv(0, der.length, 0);
    if (contentInfo == null || contentInfo.tag() != 0x30) {
      return null;
    }
    List<Tlv> ci = children(contentInfo);
    if (ci.size() < 2 || ci.get(1).tag() != 0xa0) {
      return null;
    }
    List<Tlv> explicit = children(ci.get(1));
    if (explicit.isEmpty() || explicit.get(0).tag() != 0x30) {
      return null;
    }
    List<Tlv> signedData = children(explicit.get(0));
    Tlv signerInfos = null;
    for (Tlv t : signedData) {
      if (t.tag() == 0x31) {
        signerInfos = t; // the last SET is signerInfos (the first is digestAlgorithms)
      }
    }
    if (signerInfos == null) {
      return null;
    }
    List<Tlv> infos = children(signerInfos);
    if (infos.isEmpty()) {
      return null;
    }
    List<Tlv> si = children(infos.get(0));
    if (si.size() < 5 || si.get(1).tag() != 0x30) {
      return null;
    }
    List<Tlv> issuerAndSerial = children(si.get(1));
    if (issuerAndSerial.size() < 2 || issuerAndSerial.get(1).tag() != 0x02) {
      return null;
    }
    String digest = algorithm(si.get(2));
    Tlv encrypted = null;
    for (int i = 3; i < si.size(); i++) {
      if (si.get(i).tag() == 0x04) {
        encrypted = si.get(i);
        break;
      }
    }
    if (digest == null || encrypted == null) {
      return null;
    }
    Tlv serial = issuerAndSerial.get(1);
    byte[] magnitude =
        serial.end() == serial.start()
            ? new byte[0]
            : new BigInteger(Arrays.copyOfRange(der, serial.start(), serial.end()))
                .abs()
                .toByteArray();
    int skip = 0;
    while (skip < magnitude.length && magnitude[skip] == 0) {
      skip++;
    }
    return new Signer(
        commonName(issuerAndSerial.get(0)),
        Arrays.copyOfRange(magnitude, skip, magnitude.length),
        DIGESTS.getOrDefault(digest, "unknown"),
        Arrays.copyOfRange(der, encrypted.start(), encrypted.end()));
  }

  private String algorithm(Tlv algId) {
    if (algId.tag() != 0x30) {
      return null;
    }
    List<Tlv> parts = children(algId);
    if (parts.isEmpty() || parts.get(0).tag() != 0x06) {
      return null;
    }
    return oid(parts.get(0));
  }

  // OpenSSL's x509_name_to_str in kmod: the first CN; without one, the last attribute's value
  private String commonName(Tlv name) {
    String last = "";
    for (Tlv rdn : children(name)) {
      for (Tlv atv : children(rdn)) {
        List<Tlv> tv = children(atv);
        if (tv.size() < 2 || tv.get(0).tag() != 0x06) {
          continue;
        }
        String value =
            new String(
                der,
                tv.get(1).start(),
                tv.get(1).end() - tv.get(1).start(),
                StandardCharsets.ISO_8859_1);
        int nul = value.indexOf('\0');
        last = nul < 0 ? value : value.substring(0, nul);
        if (COMMON_NAME.equals(oid(tv.get(0)))) {
          return last;
        }
      }
    }
    return last;
  }

  private String oid(Tlv t) {
    StringBuilder sb = new StringBuilder();
    long value = 0;
    boolean first = true;
    for (int i = t.start(); i < t.end(); i++) {
      value = (value << 7) | (der[i] & 0x7f);
      if ((der[i] & 0x80) == 0) {
        if (first) {
          long a = Math.min(value / 40, 2);
          sb.append(a).append('.').append(value - a * 40);
          first = false;
        } else {
          sb.append('.').append(value);
        }
        value = 0;
      }
    }
    return sb.toString();
  }

  private List<Tlv> children(Tlv parent) {
    List<Tlv> out = new ArrayList<>();
    if (!parent.constructed()) {
      return out;
    }
    int at = parent.start();
    while (at < parent.end()) {
      Tlv t = tlv(at, parent.end(), 0);
      if (t == null || t.tag() == 0) {
        break; // end-of-contents of an indefinite length, or garbage
      }
      out.add(t);
      at = t.next();
    }
    return out;
  }

  /** Decodes the element at {@code at}, not reaching past {@code limit}; null when malformed. */
  private Tlv tlv(int at, int limit, int depth) {
    if (depth > MAX_DEPTH || at + 2 > limit) {
      return null;
    }
    int tag = der[at] & 0xff;
    if ((tag & 0x1f) == 0x1f) {
      return null; // high tag numbers do not occur in PKCS#7
    }
    int len = der[at + 1] & 0xff;
    int start = at + 2;
    if (len == 0x80) {
      if ((tag & 0x20) == 0) {
        return null;
      }
      int p = start;
      while (true) {
        if (p + 2 > limit) {
          return null;
        }
        if (der[p] == 0 && der[p + 1] == 0) {
          return new Tlv(tag, start, p, p + 2);
        }
        Tlv child = tlv(p, limit, depth + 1);
        if (child == null) {
          return null;
        }
        p = child.next();
      }
    }
    if (len > 0x80) {
      int n = len & 0x7f;
      if (n > 4 || start + n > limit) {
        return null;
      }
      long l = 0;
      for (int i = 0; i < n; i++) {
        l = (l << 8) | (der[start + i] & 0xff);
      }
      start += n;
      if (l > limit - start) {
        return null;
      }
      len = (int) l;
    } else if (len > limit - start) {
      return null;
    }
    return new Tlv(tag, start, start + len, start + len);
  }
}
