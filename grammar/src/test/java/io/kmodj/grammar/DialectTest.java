package io.kmodj.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.grammar.modprobed.ModprobeDFile;
import io.kmodj.grammar.modulesconf.ModulesConfFile;
import org.junit.jupiter.api.Test;

class DialectTest {
  @Test
  void modulesConfAndConfModulesAreModutils() {
    assertThat(Dialect.forFileName("/etc/modules.conf")).isEqualTo(Dialect.MODUTILS);
    assertThat(Dialect.forFileName("conf.modules")).isEqualTo(Dialect.MODUTILS);
    assertThat(Dialect.forFileName("etc/modules.conf.old")).isEqualTo(Dialect.MODUTILS);
  }

  @Test
  void everythingElseIsKmod() {
    assertThat(Dialect.forFileName("/etc/modprobe.d/blacklist.conf")).isEqualTo(Dialect.KMOD);
    assertThat(Dialect.forFileName("/etc/modprobe.conf")).isEqualTo(Dialect.KMOD);
    assertThat(Dialect.forFileName("my-modules.conf")).isEqualTo(Dialect.KMOD);
  }

  @Test
  void commandLineWordsNameTheDialects() {
    assertThat(Dialect.ofWord("modutils")).contains(Dialect.MODUTILS);
    assertThat(Dialect.ofWord("KMOD")).contains(Dialect.KMOD);
    assertThat(Dialect.ofWord("busybox")).isEmpty();
  }

  @Test
  void parseUsesTheDialectsGrammar() {
    assertThat(Dialect.KMOD.parse("a.conf", "alias a b\n").value())
        .isInstanceOf(ModprobeDFile.class);
    assertThat(Dialect.MODUTILS.parse("modules.conf", "alias a b\n").value())
        .isInstanceOf(ModulesConfFile.class);
  }
}
