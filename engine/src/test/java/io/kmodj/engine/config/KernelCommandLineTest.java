package io.kmodj.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KernelCommandLineTest {
  private static ModuleConfig parse(String line) {
    ModuleConfig.Builder b = new ModuleConfig.Builder();
    new KernelCommandLine(line).addTo(Origin.commandLine("/proc/cmdline"), b);
    return b.build();
  }

  @Test
  void moduleParametersBecomeOptionsWithNormalizedNames() {
    ModuleConfig c = parse("root=/dev/vda virtio-net.napi_weight=32 dummy.numdummies=3 quiet");
    assertThat(c.options())
        .extracting(ConfigEntry.Options::name, ConfigEntry.Options::options)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("virtio_net", "napi_weight=32"),
            org.assertj.core.groups.Tuple.tuple("dummy", "numdummies=3"));
  }

  @Test
  void modprobeBlacklistKeepsEmptyFieldsAndRawNames() {
    ModuleConfig c = parse("modprobe.blacklist=a-b,,c\n");
    assertThat(c.blacklist())
        .extracting(ConfigEntry.Blacklist::name)
        .containsExactly("a-b", "", "c");
  }

  @Test
  void wholeQuotedWordIsRequotedAfterTheEqualsSign() {
    ModuleConfig c = parse("\"parport.dyndbg=file a.c +p\" x.y=\"q r\"");
    assertThat(c.options())
        .extracting(ConfigEntry.Options::options)
        .containsExactly("dyndbg=\"file a.c +p\"", "y=\"q r\"");
  }

  @Test
  void badNamesAndSecondDotsAreIgnored() {
    ModuleConfig c = parse("a]b.c=1 tun.p.q=1 tun.flag");
    assertThat(c.options()).extracting(ConfigEntry.Options::options).containsExactly("flag");
    assertThat(c.messages()).singleElement().satisfies(m -> assertThat(m.text()).contains("'a]b'"));
  }
}
