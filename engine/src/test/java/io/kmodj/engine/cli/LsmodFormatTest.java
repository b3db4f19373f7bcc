package io.kmodj.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.kernel.LoadedModule;
import io.kmodj.engine.kernel.ModuleFlag;
import io.kmodj.engine.kernel.SystemImage;
import io.kmodj.engine.plan.ModuleState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LsmodFormatTest {
  static LoadedModule module(
      String name, ModuleState state, int uses, List<String> holders, Set<ModuleFlag> flags) {
    return new LoadedModule(
        name,
        "/lib/modules/x/" + name + ".o",
        4_321,
        state,
        uses,
        holders,
        List.of(),
        flags,
        Map.of(),
        null);
  }

  static String lsmod(String release, List<LoadedModule> newestFirst) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
      LsmodCommand.print(newestFirst, new SystemImage("", release, "modutils", List.of()), out);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  final List<LoadedModule> table =
      List.of(
          module("ppp_deflate", ModuleState.COMING, 0, List.of(), Set.of()),
          module(
              "ppp_generic",
              ModuleState.LIVE,
              2,
              List.of("ppp_async", "ppp_deflate"),
              EnumSet.of(ModuleFlag.AUTOCLEAN, ModuleFlag.USED_ONCE, ModuleFlag.VISITED)),
          module("slhc", ModuleState.LIVE, 0, List.of("ppp_generic"), Set.of()),
          module("floppy", ModuleState.LIVE, 0, List.of(), EnumSet.of(ModuleFlag.AUTOCLEAN)),
          module("lp", ModuleState.GOING, 0, List.of(), EnumSet.of(ModuleFlag.AUTOCLEAN)));

  @Test
  void aTwoFourKernelGetsModutilsTableWithFlagsAndReferringModulesNewestFirst() {
    assertThat(lsmod("2.4.27", table))
        .isEqualTo(
            """
            Module                  Size  Used by    Not tainted
            ppp_deflate             4321   0  (initializing)
            ppp_generic             4321   2  (autoclean) [ppp_deflate ppp_async]
            slhc                    4321   0  (unused) [ppp_generic]
            floppy                  4321   0  (autoclean) (unused)
            lp                      4321   0  (deleted)
            """);
  }

  @Test
  void aKernelWithoutTheTaintFileEndsTheHeaderAfterUsedBy() {
    assertThat(lsmod("2.2.26", table.subList(3, 4)))
        .isEqualTo(
            "Module                  Size  Used by    \nfloppy                  4321   0  (autoclean) (unused)\n");
    assertThat(lsmod("2.4.9-ac3", List.of()))
        .isEqualTo("Module                  Size  Used by    \n");
  }

  @Test
  void aTwoSixKernelGetsKmodsTableWhoseCountIncludesTheHolders() {
    assertThat(lsmod("2.6.32", table.subList(1, 3)))
        .isEqualTo(
            """
            Module                  Size  Used by
            ppp_generic             4321  4 ppp_async,ppp_deflate
            slhc                    4321  1 ppp_generic
            """);
    assertThat(lsmod("2.5.48", List.of())).isEqualTo("Module                  Size  Used by\n");
    assertThat(lsmod("2.5.47", List.of())).startsWith("Module                  Size  Used by    ");
    assertThat(lsmod("6.1.0-47-cloud-amd64", List.of()))
        .isEqualTo("Module                  Size  Used by\n");
  }
}
