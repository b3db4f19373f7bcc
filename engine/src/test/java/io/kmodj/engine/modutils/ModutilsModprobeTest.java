package io.kmodj.engine.modutils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmodj.engine.index.DepFile24;
import io.kmodj.engine.plan.LoadedModules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kmodj's own modutils cases, for what the recorded answers do not cover; each states the modutils
 * behaviour it pins (reference = ../shared/spec/modules-conf-reference.md §13).
 */
class ModutilsModprobeTest {
  private static final String DEP =
      "/m/foo.o: /m/base.o\n\n/m/base.o:\n\n/m/bar.o:\n\n/m/tulip.o:\n\n/m/dummy.o:\n\n";

  @TempDir Path dir;
  final List<String> errors = new ArrayList<>();

  /** Runs modprobe -n -v over a config and the small modules.dep above. */
  private String modprobe(String conf, boolean all, String... args) throws IOException {
    return run(conf, LoadedModules.none(), false, all, args);
  }

  private String run(String conf, LoadedModules loaded, boolean remove, boolean all, String... args)
      throws IOException {
    Path f = Files.writeString(dir.resolve("modules.conf"), conf);
    ModutilsConfig c =
        new ModulesConfReader(
                new ModulesConfReader.Request(
                    Optional.of(f.toString()), "2.4.27", "/m", false, false))
            .read();
    assertThat(c.errors()).isEmpty();
    DepFile24 dep = DepFile24.parse("modules.dep", DEP, "").depFile().orElseThrow();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PrintStream ps = new PrintStream(out, true, StandardCharsets.ISO_8859_1)) {
      ModutilsModprobe mp =
          new ModutilsModprobe(
              c,
              dep,
              loaded,
              new ModutilsModprobe.Flags(true, false, false, false, Optional.empty()),
              ps,
              errors::add,
              step -> 0);
      int r;
      if (remove) {
        r = 0;
        for (String a : args) {
          r += mp.unload(a);
        }
      } else {
        r = mp.fromList(List.of(args), all);
      }
      ps.print("exit " + r + "\n");
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void aliasOptionsOverrideModuleOptionsAndTheCommandLineOverridesBoth() throws IOException {
    // reference 13.21: module's options first, alias levels replace the same key, then argv
    String out =
        modprobe(
            "alias eth0 tulip\noptions tulip debug=2 full_duplex=1\noptions eth0 debug=1\n",
            false,
            "eth0",
            "debug=3",
            "opt=5");
    assertThat(out).isEqualTo("/sbin/insmod /m/tulip.o debug=3 full_duplex=1 opt=5\nexit 0\n");
  }

  @Test
  void aWordWithoutEqualsEndsTheOptionsLine() throws IOException {
    // reference 13.20: "options foo debug io=0x300" passes nothing
    assertThat(modprobe("options tulip debug io=0x300\n", false, "tulip"))
        .isEqualTo("/sbin/insmod /m/tulip.o\nexit 0\n");
  }

  @Test
  void minusOAppearsOnceAndTheAliasOneWins() throws IOException {
    // record 21's rule, on two alias levels
    assertThat(
            modprobe(
                "alias d2 d1\nalias d1 dummy\noptions dummy -o dummy0 n=1\noptions d2 -o dd\n",
                false,
                "d2"))
        .isEqualTo("/sbin/insmod /m/dummy.o -o dd n=1\nexit 0\n");
  }

  @Test
  void nullAliasLoadsItsBelowModulesButRunsNoHooks() throws IOException {
    // reference 13.18: alias foo null + below foo bar loads bar; pre-install of foo never runs
    assertThat(
            modprobe("alias virt null\npre-install virt echo hi\nbelow virt bar\n", false, "virt"))
        .isEqualTo("/sbin/insmod /m/bar.o\nexit 0\n");
  }

  @Test
  void anAboveModuleAliasedOffMakesTheWholeRequestSucceedEmpty() throws IOException {
    // reference 13.19: modutils' quirk, kept
    assertThat(modprobe("above foo bar\nalias bar off\n", false, "foo")).isEqualTo("exit 0\n");
  }

  @Test
  void installCannotMakeAVirtualModule() throws IOException {
    // reference 13.26: install on a name modules.dep does not know is never run
    assertThat(modprobe("install virt /bin/true\n", false, "virt")).isEqualTo("exit -1\n");
    assertThat(errors).containsExactly("Can't locate module virt");
  }

  @Test
  void withoutMinusAOnlyTheFirstNameThatLoadsIsLoaded() throws IOException {
    // reference 13.47
    assertThat(modprobe("", false, "tulip", "bar")).isEqualTo("/sbin/insmod /m/tulip.o\nexit 0\n");
    assertThat(modprobe("", true, "nosuch", "bar")).isEqualTo("/sbin/insmod /m/bar.o\nexit 0\n");
  }

  @Test
  void aliasLoopIsReportedNamingTheLoop() {
    // record 19: modutils never returned
    assertThatThrownBy(() -> modprobe("alias a b\nalias b c\nalias c b\n", false, "a"))
        .isInstanceOf(ModutilsModprobe.PlanningFailure.class)
        .hasMessageContaining("alias loop: b -> c -> b");
  }

  @Test
  void devfsPatternsMatchOnlySlashNamesAndStarTakesTheRest() {
    // reference 13.43/13.44
    assertThat(ModutilsModprobe.devfsMatch("/dev/a*z", "/dev/abc")).isTrue();
    assertThat(ModutilsModprobe.devfsMatch("/dev/sg?", "/dev/sg1")).isTrue();
    assertThat(ModutilsModprobe.devfsMatch("/dev/sg?", "/dev/sg10")).isFalse();
  }

  @Test
  void removeRunsHooksOnlyForLoadedIdleModules() throws IOException {
    // reference 13.49: an unknown, unloaded name is removed "successfully"
    assertThat(run("", LoadedModules.none(), true, false, "nosuch")).isEqualTo("exit 0\n");
    String out =
        run("pre-remove foo echo bye\n", ProcModules.ofList("foo base:2"), true, false, "foo");
    assertThat(out).isEqualTo("# pre-remove foo:\necho bye\n# delete foo\nexit 0\n");
  }
}
