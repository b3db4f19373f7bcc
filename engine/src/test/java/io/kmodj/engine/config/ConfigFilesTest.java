package io.kmodj.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {
  @TempDir Path tmp;

  @Test
  void earlierDirectoryHidesSameNameAndAllAreReadInNameOrder() throws Exception {
    Path etc = Files.createDirectories(tmp.resolve("etc"));
    Path lib = Files.createDirectories(tmp.resolve("lib"));
    Files.writeString(etc.resolve("b.conf"), "");
    Files.writeString(lib.resolve("b.conf"), "");
    Files.writeString(lib.resolve("a.conf"), "");
    Files.writeString(etc.resolve("z.alias"), "");
    Files.writeString(etc.resolve("c.txt"), "");
    Files.writeString(etc.resolve(".hidden.conf"), "");
    ConfigFiles files =
        new ConfigFiles(tmp.resolve("mods").toString(), List.of(etc.toString(), lib.toString()));
    assertThat(files.files())
        .extracting(ConfigFiles.ConfigFile::shownAs)
        .containsExactly(
            lib + "/a.conf",
            etc + "/b.conf",
            tmp.resolve("mods") + "/modules.softdep",
            etc + "/z.alias");
  }

  @Test
  void aFileGivenDirectlyIsReadWhateverItsName() throws Exception {
    Path f = Files.writeString(tmp.resolve("my.txt"), "alias x y\n");
    ConfigFiles files = new ConfigFiles(tmp.toString(), List.of(f.toString()));
    assertThat(files.files()).extracting(ConfigFiles.ConfigFile::name).contains("my.txt");
  }

  @Test
  void softdepListsSplitAndDumpAsKmodDoes() {
    SoftdepLine line = new SoftdepLine("pre: a post: b pre: c");
    assertThat(line.pre()).containsExactly("a", "c");
    assertThat(line.post()).containsExactly("b");
    assertThat(line.shown()).isEqualTo("pre: a b cpost: b");
    assertThat(new SoftdepLine(" pre: a").pre()).isEmpty();
    assertThat(new SoftdepLine("gcm").shown()).isEmpty();
  }

  @Test
  void badLinesAreReportedWithFileAndLineAndTheRestIsRead() {
    ModuleConfig.Builder b = new ModuleConfig.Builder();
    ModprobeDFrontEnd.readFile("x.conf", "alias onlyone\nweakdep a b\nalias good-one dummy\n", b);
    ModuleConfig c = b.build();
    assertThat(c.aliases()).extracting(ConfigEntry.Alias::name).containsExactly("good_one");
    assertThat(c.messages())
        .extracting(ConfigMessage::text)
        .containsExactly(
            "x.conf line 1: ignoring bad line starting with 'alias'",
            "x.conf line 2: ignoring bad line starting with 'weakdep'");
  }
}
