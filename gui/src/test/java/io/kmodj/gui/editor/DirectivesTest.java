package io.kmodj.gui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.grammar.Dialect;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectivesTest {
  /** The keywords of vim's syntax/modconf.vim (conditional, preproc, keyword, identifier). */
  private static final List<String> VIM =
      List.of(
          "if",
          "else",
          "elseif",
          "endif",
          "alias",
          "define",
          "include",
          "keep",
          "prune",
          "post-install",
          "post-remove",
          "pre-install",
          "pre-remove",
          "persistdir",
          "blacklist",
          "add",
          "above",
          "below",
          "install",
          "options",
          "probe",
          "probeall",
          "remove",
          "depfile",
          "insmod_opt",
          "path",
          "generic_stringfile",
          "pcimapfile",
          "isapnpmapfile",
          "usbmapfile",
          "parportmapfile",
          "ieee1394mapfile",
          "pnpbiosmapfile");

  /** The keywords of Emacs' etc-modules-conf-generic-mode (generic-x.el). */
  private static final List<String> EMACS =
      List.of(
          "above",
          "alias",
          "below",
          "define",
          "depfile",
          "else",
          "elseif",
          "endif",
          "if",
          "include",
          "insmod_opt",
          "install",
          "keep",
          "options",
          "path",
          "generic_stringfile",
          "pcimapfile",
          "isapnpmapfile",
          "usbmapfile",
          "parportmapfile",
          "ieee1394mapfile",
          "pnpbiosmapfile",
          "probe",
          "probeall",
          "prune",
          "post-install",
          "post-remove",
          "pre-install",
          "pre-remove",
          "remove",
          "persistdir");

  @Test
  void everyWordTheUsualEditorsColourIsADirective() {
    assertThat(Directives.all()).containsAll(VIM).containsAll(EMACS);
    assertThat(Directives.all()).contains("blacklist", "softdep", "weakdep");
  }

  @Test
  void everyDirectiveIsDocumented() {
    for (String d : Directives.all()) {
      assertThat(Directives.documentation(d)).as(d).isPresent();
      assertThat(Directives.documentation(d).orElseThrow()).as(d).startsWith(d);
    }
  }

  @Test
  void assignmentsAndTaggedPathsCountAsTheirDirective() {
    assertThat(Directives.isDirective("path[net]")).isTrue();
    assertThat(Directives.isDirective("depfile=/lib/modules/modules.dep")).isTrue();
    assertThat(Directives.isDirective("OPTIONS")).isTrue();
    assertThat(Directives.isDirective("snd-hda-intel")).isFalse();
    assertThat(Directives.documentation("path[net]").orElseThrow()).startsWith("path[TAG]");
    assertThat(Directives.documentation("e1000")).isEmpty();
  }

  @Test
  void eachDialectOffersItsOwnDirectives() {
    assertThat(Directives.of(Dialect.KMOD)).contains("softdep", "weakdep").doesNotContain("probe");
    assertThat(Directives.of(Dialect.MODUTILS))
        .contains("probeall", "if")
        .doesNotContain("softdep");
    assertThat(List.copyOf(Directives.all())).isSorted();
  }
}
