package io.kmodj.gui.graph.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class SvgWriterTest {
  @Test
  void writesValidSvgWithABoxPerNodeAndALinePerEdge() throws Exception {
    Scope s = Scope.plan(Samples.modutils(), "sound-slot-0", Set.of());
    GraphLayout g = LayeredLayout.layout(s, NodeSizer.estimate(), Progress.NONE);
    StringWriter w = new StringWriter();

    SvgWriter.write(s, g, w);

    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Document doc =
        f.newDocumentBuilder()
            .parse(new ByteArrayInputStream(w.toString().getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
    assertThat(doc.getElementsByTagName("rect").getLength()).isEqualTo(s.nodes().size());
    assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(s.links().size());
    NodeList texts = doc.getElementsByTagName("text");
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < texts.getLength(); i++) {
      all.append(texts.item(i).getTextContent()).append('\n');
    }
    // the quoted hook command survives escaping
    assertThat(all.toString())
        .contains("1. soundcore", "5. sb", "pre-install /bin/echo \"kmodj sample");
  }
}
