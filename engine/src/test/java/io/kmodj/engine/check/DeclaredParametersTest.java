package io.kmodj.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.check.DeclaredParameters.Parameter;
import io.kmodj.engine.elf.ModinfoEntry;
import io.kmodj.engine.elf.ModuleWriter;
import io.kmodj.engine.system.ModuleSystem;
import io.kmodj.engine.system.SystemSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declared parameters carry the type and description {@code modinfo -p} shows. */
class DeclaredParametersTest {
  @TempDir Path root;

  @Test
  void parmAndParmtypeAreMergedByNameInFirstMentionOrder() {
    List<Parameter> ps =
        DeclaredParameters.fromModinfo(
            List.of(
                new ModinfoEntry("license", "GPL"),
                new ModinfoEntry("parmtype", "debug:bool"),
                new ModinfoEntry("parm", "speed:link speed in Mbit/s: 10, 100"),
                new ModinfoEntry("parmtype", "speed:int"),
                new ModinfoEntry("parm", "debug:print debug messages"),
                new ModinfoEntry("parmtype", "ids:array of charp"),
                new ModinfoEntry("parm", "bare")));
    assertThat(ps)
        .containsExactly(
            new Parameter("debug", "bool", "print debug messages"),
            new Parameter("speed", "int", "link speed in Mbit/s: 10, 100"),
            new Parameter("ids", "array of charp", ""),
            new Parameter("bare", "", ""));
    assertThat(ps.get(0).isBoolean()).isTrue();
    assertThat(ps.get(1).isBoolean()).isFalse();
    assertThat(new Parameter("x", "invbool", "").isBoolean()).isTrue();
  }

  @Test
  void readsTheModuleFileOnceAndSaysNothingOfAnEmptyOne() throws Exception {
    Path dir = root.resolve("lib/modules/6.1.0");
    Files.createDirectories(dir.resolve("kernel"));
    Path nic = dir.resolve("kernel/nic.ko");
    Files.write(
        nic,
        ModuleWriter.describe(
                """
                modinfo: parm=speed:link speed
                modinfo: parmtype=speed:int
                """)
            .write());
    Files.write(dir.resolve("kernel/empty.ko"), new byte[0]);
    Files.writeString(dir.resolve("modules.dep"), "kernel/nic.ko:\nkernel/empty.ko:\n");
    ModuleSystem sys =
        ModuleSystem.load(
            new SystemSpec(
                Optional.of(root.toString()),
                Optional.of("6.1.0"),
                List.of(),
                Optional.of("/dev/null")));
    DeclaredParameters declared = new DeclaredParameters(sys.index());

    assertThat(declared.parameters("nic"))
        .contains(List.of(new Parameter("speed", "int", "link speed")));
    Files.delete(nic);
    // kept from the first read
    assertThat(declared.of("nic")).hasValueSatisfying(s -> assertThat(s).containsExactly("speed"));
    assertThat(declared.parameters("empty")).isEmpty();
    assertThat(declared.parameters("nosuch")).isEmpty();
  }
}
