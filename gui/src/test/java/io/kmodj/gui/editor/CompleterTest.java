package io.kmodj.gui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.check.DeclaredParameters.Parameter;
import io.kmodj.grammar.Dialect;
import io.kmodj.gui.editor.Completer.Completion;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompleterTest {
  /** A system of three modules, one alias, and loop's parameters. */
  static final EditorContext SYSTEM =
      new EditorContext() {
        @Override
        public List<String> moduleNames() {
          return List.of("loop", "e1000", "e1000e", "snd_hda_intel");
        }

        @Override
        public List<String> aliasNames() {
          return List.of("eth-virtio");
        }

        @Override
        public Optional<List<Parameter>> parameters(String module) {
          if (module.equals("loop")) {
            return Optional.of(
                List.of(
                    new Parameter("max_loop", "int", "Maximum number of loop devices"),
                    new Parameter(
                        "max_part", "int", "Maximum number of partitions per loop device"),
                    new Parameter("hw_queue_depth", "", "")));
          }
          if (module.equals("e1000")) {
            return Optional.of(List.of(new Parameter("debug", "bool", "Debug level")));
          }
          return Optional.empty();
        }
      };

  private static List<String> texts(List<Completion> cs) {
    return cs.stream().map(Completion::text).toList();
  }

  /** Completes at the {@code |} of a text. */
  private static List<Completion> at(String textWithCaret, Dialect dialect) {
    int caret = textWithCaret.indexOf('|');
    String text = textWithCaret.substring(0, caret) + textWithCaret.substring(caret + 1);
    return new Completer(SYSTEM, Directives.of(dialect)).complete(text, caret);
  }

  private static List<Completion> at(String textWithCaret) {
    return at(textWithCaret, Dialect.KMOD);
  }

  @Test
  void directivesOfTheDialectAtTheStartOfALine() {
    assertThat(texts(at("alias a b\nso|"))).containsExactly("softdep");
    assertThat(texts(at("  |"))).containsAll(Directives.MODPROBE_D).doesNotContain("probeall");
    assertThat(texts(at("pro|", Dialect.MODUTILS))).containsExactly("probe", "probeall");
    Completion c = at("alias a b\nbl|").get(0);
    assertThat(c.replaceFrom()).isEqualTo("alias a b\n".length());
    assertThat(c.replaceTo()).isEqualTo("alias a b\nbl".length());
    assertThat(c.detail()).isEqualTo("directive");
  }

  @Test
  void moduleNamesAndAliasesAfterADirectiveThatNamesOne() {
    assertThat(texts(at("blacklist e1|"))).containsExactly("e1000", "e1000e");
    assertThat(texts(at("options eth|"))).containsExactly("eth-virtio");
    assertThat(at("install lo|").get(0).detail()).isEqualTo("module");
    // the target of an alias is a module, or modutils' off/null
    assertThat(texts(at("alias nic |"))).contains("loop", "e1000", "off", "null");
    // the alias's own name is completed from the aliases already defined
    assertThat(texts(at("alias e|"))).containsExactly("eth-virtio");
    // no names inside an install command
    assertThat(at("install loop /sbin/modprobe lo|")).isEmpty();
  }

  @Test
  void parametersOfTheModuleOnTheLineWithTypeAndDescription() {
    List<Completion> cs = at("options loop max_loop=8 max|");

    assertThat(texts(cs)).containsExactly("max_loop=", "max_part=");
    assertThat(cs.get(1).detail()).isEqualTo("(int) Maximum number of partitions per loop device");
    assertThat(texts(at("options loop |"))).hasSize(3);
    assertThat(texts(at("options -k loop hw|", Dialect.MODUTILS)))
        .containsExactly("hw_queue_depth=");
    assertThat(texts(at("options -k lo|", Dialect.MODUTILS))).containsExactly("loop");
    assertThat(at("options snd_hda_intel |")).isEmpty();
  }

  @Test
  void booleanParametersOfferTheirValues() {
    assertThat(texts(at("options e1000 debug=|")))
        .containsExactly("debug=1", "debug=0", "debug=Y", "debug=N", "debug=on", "debug=off");
    assertThat(texts(at("options e1000 debug=o|"))).containsExactly("debug=on", "debug=off");
    assertThat(at("options loop max_loop=|")).isEmpty();
  }

  @Test
  void softdepOffersPreAndPost() {
    assertThat(texts(at("softdep e1000 p|"))).containsExactly("pre:", "post:");
    assertThat(texts(at("softdep e1000 pre: lo|"))).containsExactly("loop");
  }

  @Test
  void aContinuedLineIsOneLineAndCommentsGetNothing() {
    assertThat(texts(at("options loop \\\n  max_l|"))).containsExactly("max_loop=");
    assertThat(at("# options loop max|")).isEmpty();
  }

  @Test
  void aliasesTheTextDefinesAreOfferedToo() {
    assertThat(texts(at("alias sound snd_hda_intel\noptions so|"))).containsExactly("sound");
    // but not the alias being typed on its own line
    assertThat(texts(at("alias sou|"))).isEmpty();
  }

  @Test
  void aWordAlreadyCompleteIsNotOfferedAgain() {
    assertThat(texts(at("blacklist e1000|"))).containsExactly("e1000e");
  }
}
