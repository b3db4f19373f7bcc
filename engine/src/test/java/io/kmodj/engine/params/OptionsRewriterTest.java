package io.kmodj.engine.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmodj.grammar.Dialect;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Setting, changing and removing one {@code param=value} rewrites only that part of the text. */
class OptionsRewriterTest {
  private static String kmod(String text, String module, String param, String value) {
    return OptionsRewriter.apply(Dialect.KMOD, text, module, param, Optional.ofNullable(value));
  }

  private static String modutils(String text, String module, String param, String value) {
    return OptionsRewriter.apply(Dialect.MODUTILS, text, module, param, Optional.ofNullable(value));
  }

  @Test
  void kmodChangesAValueInPlaceKeepingSpacingAndComments() {
    String text = "# loop devices\noptions  loop\tmax_loop=16   max_part=8  # not a comment\n";
    assertThat(kmod(text, "loop", "max_loop", "64"))
        .isEqualTo("# loop devices\noptions  loop\tmax_loop=64   max_part=8  # not a comment\n");
  }

  @Test
  void kmodAddsToTheModulesLastOptionsLine() {
    String text = "options loop max_loop=16\nalias foo bar\noptions loop max_part=8\nblacklist x\n";
    assertThat(kmod(text, "loop", "debug", "1"))
        .isEqualTo(
            """
            options loop max_loop=16
            alias foo bar
            options loop max_part=8 debug=1
            blacklist x
            """);
  }

  @Test
  void kmodMatchesModuleNamesAndParameterNamesWithDashOrUnderscore() {
    String text = "options virtio-net napi_weight=64\n";
    assertThat(kmod(text, "virtio_net", "napi-weight", "32"))
        .isEqualTo("options virtio-net napi-weight=32\n");
  }

  @Test
  void kmodChangesTheLastWordThatSetsTheParameter() {
    String text = "options nic speed=10\noptions nic speed=100\n";
    assertThat(kmod(text, "nic", "speed", "1000"))
        .isEqualTo("options nic speed=10\noptions nic speed=1000\n");
  }

  @Test
  void kmodAddsAnOptionsLineWhenTheModuleHasNone() {
    assertThat(kmod("alias eth0 e1000", "e1000", "debug", "3"))
        .isEqualTo("alias eth0 e1000\noptions e1000 debug=3\n");
    assertThat(kmod("", "e1000", "debug", "3")).isEqualTo("options e1000 debug=3\n");
  }

  @Test
  void kmodRemovesAWordAndTheLineItLeavesEmpty() {
    String text = "options loop max_loop=16 max_part=8\nalias a b\noptions loop debug=1\n";
    String once = kmod(text, "loop", "max_part", null);
    assertThat(once).isEqualTo("options loop max_loop=16\nalias a b\noptions loop debug=1\n");
    assertThat(kmod(once, "loop", "debug", null))
        .isEqualTo("options loop max_loop=16\nalias a b\n");
  }

  @Test
  void kmodRemovesEveryWordSettingTheParameter() {
    String text = "options nic speed=10 duplex=full speed=100\n";
    assertThat(kmod(text, "nic", "speed", null)).isEqualTo("options nic duplex=full\n");
  }

  @Test
  void kmodQuotedValuesAndContinuedLines() {
    String text = "options nic name=\"a b\" \\\n  speed=10\n";
    assertThat(kmod(text, "nic", "speed", "20"))
        .isEqualTo("options nic name=\"a b\" \\\n  speed=20\n");
    assertThat(kmod(text, "nic", "name", "c d e"))
        .isEqualTo("options nic name=\"c d e\" \\\n  speed=10\n");
  }

  @Test
  void theEditIsTheSmallestRangeThatChanged() {
    String text = "options loop max_loop=16\n";
    OptionsRewriter.TextEdit e =
        OptionsRewriter.set(Dialect.KMOD, text, "loop", "max_loop", Optional.of("18"))
            .orElseThrow();
    assertThat(e).isEqualTo(new OptionsRewriter.TextEdit(23, 24, "8"));
    assertThat(OptionsRewriter.set(Dialect.KMOD, text, "loop", "max_loop", Optional.of("16")))
        .isEmpty();
    assertThat(OptionsRewriter.set(Dialect.KMOD, text, "loop", "absent", Optional.empty()))
        .isEmpty();
  }

  @Test
  void unwritableNamesAndValuesAreRefusedWithAReason() {
    assertThatThrownBy(() -> kmod("", "loop", "a b", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a parameter name");
    assertThatThrownBy(() -> kmod("", "lo;op", "a", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a module name");
    assertThatThrownBy(() -> kmod("", "loop", "a", "x\"y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot hold \"");
    assertThatThrownBy(() -> kmod("", "loop", "a", "x\ny"))
        .hasMessageContaining("control characters");
    assertThatThrownBy(() -> modutils("", "loop", "a", "$HOME"))
        .hasMessageContaining("modutils would expand it");
  }

  @Test
  void modutilsEditsOnlyTheLinesThatTakeEffect() {
    // modutils keeps the last plain options line and the add options lines after it
    String text =
        """
        options sb io=0x220 irq=5
        alias char-major-14 soundcore
        options sb io=0x240
        add options sb dma=1
        """;
    assertThat(modutils(text, "sb", "irq", "7"))
        .isEqualTo(
            """
            options sb io=0x220 irq=5
            alias char-major-14 soundcore
            options sb io=0x240
            add options sb dma=1 irq=7
            """);
    assertThat(modutils(text, "sb", "io", "0x260"))
        .isEqualTo(
            """
            options sb io=0x220 irq=5
            alias char-major-14 soundcore
            options sb io=0x260
            add options sb dma=1
            """);
  }

  @Test
  void modutilsKeepsAnEmptiedLineThatStillOverridesAnEarlierOne() {
    String text = "options sb irq=5\noptions sb io=0x240\n";
    assertThat(modutils(text, "sb", "io", null)).isEqualTo("options sb irq=5\noptions sb\n");
    assertThat(modutils("options sb io=0x240\n# end\n", "sb", "io", null)).isEqualTo("# end\n");
  }

  @Test
  void modutilsNamesAreExactAndKFlagAndConditionalsAreKept() {
    String text =
        """
        if `kernelversion` == 2.4
          options -k ne2k-pci full_duplex=1
        endif
        options ne2k_pci other=1
        """;
    assertThat(modutils(text, "ne2k-pci", "full_duplex", "0"))
        .isEqualTo(
            """
            if `kernelversion` == 2.4
              options -k ne2k-pci full_duplex=0
            endif
            options ne2k_pci other=1
            """);
    assertThat(modutils(text, "ne2k-pci", "debug", "2"))
        .isEqualTo(
            """
            if `kernelversion` == 2.4
              options -k ne2k-pci full_duplex=1 debug=2
            endif
            options ne2k_pci other=1
            """);
  }

  @Test
  void modutilsAddsALineAndQuotesValuesWithBlanks() {
    assertThat(modutils("alias eth0 ne2k-pci\n", "ne2k-pci", "name", "two words"))
        .isEqualTo("alias eth0 ne2k-pci\noptions ne2k-pci name=\"two words\"\n");
  }

  @Test
  void everythingElseStaysByteForByte() {
    String text = "\r\n# crlf\r\noptions  nic  a=1\r\n\n\n# tail without newline";
    String out = kmod(text, "nic", "b", "2");
    assertThat(out).isEqualTo("\r\n# crlf\r\noptions  nic  a=1 b=2\r\n\n\n# tail without newline");
  }
}
