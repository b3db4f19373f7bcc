package io.kmodj.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.elf.ModuleWriter;
import io.kmodj.engine.system.ModuleSystem;
import io.kmodj.engine.system.SystemSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} reads the modules' declared parameters and flags options that name others. */
class UndeclaredParameterTest {
  @TempDir Path root;

  @Test
  void optionsNamingAnUndeclaredParameterAreFound() throws Exception {
    Path dir = root.resolve("lib/modules/6.1.0");
    Files.createDirectories(dir.resolve("kernel"));
    Files.write(
        dir.resolve("kernel/nic.ko"),
        ModuleWriter.describe(
                """
                modinfo: license=GPL
                modinfo: parm=speed:link speed
                modinfo: parmtype=speed:int
                modinfo: parmtype=debug:bool
                """)
            .write());
    Files.writeString(dir.resolve("modules.dep"), "kernel/nic.ko:\nkernel/empty.ko:\n");
    Files.write(dir.resolve("kernel/empty.ko"), new byte[0]);
    Path conf = root.resolve("conf.d");
    Files.createDirectories(conf);
    Files.writeString(
        conf.resolve("nic.conf"),
        "options nic speed=100 debug=1 \"duplex=full\"\noptions empty whatever=1\n");

    ModuleSystem sys =
        ModuleSystem.load(
            new SystemSpec(
                Optional.of(root.toString()),
                Optional.of("6.1.0"),
                List.of(conf.toString()),
                Optional.of("/dev/null")));
    List<Finding> findings = new ConfigChecker(sys).check();

    // the empty file says nothing, so nothing is said about its options
    assertThat(findings)
        .extracting(f -> f.rule().id() + "@" + f.origin().line() + ": " + f.message())
        .containsExactly(
            "undeclared-parameter@1: options nic: the module declares no parameter duplex");
    assertThat(findings.get(0).hint()).isEqualTo("declared: debug, speed");
  }

  @Test
  void parameterNamesAreSplitAtBlanksOutsideQuotes() {
    assertThat(DeclaredParameters.names("  a=1 b=\"x y\"\tc \"d=e f\""))
        .containsExactly("a", "b", "c", "d");
  }
}
