package dev.geminilive.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * examples/java-junit names its versions itself, as a user's project does; they must stay the ones
 * the kit manages, or the example would test a combination the kit does not build with.
 */
class JavaExampleVersionsTest {
  @Test
  void theJavaExampleUsesTheKitsVersions() throws Exception {
    Document parent = read(Examples.DIR.resolve("../pom.xml"));
    Document example = read(Examples.DIR.resolve("java-junit/pom.xml"));
    Map<String, String> expected = Map.of(
        "gemini-live-mock-junit5", Examples.VERSION,
        "gemini-live-conformance-suite", Examples.VERSION,
        "google-genai", property(parent, "google-genai.version"),
        "junit-jupiter", property(parent, "junit.version"),
        "slf4j-simple", property(parent, "slf4j.version"));
    NodeList deps = example.getElementsByTagName("dependency");
    int checked = 0;
    for (int i = 0; i < deps.getLength(); i++) {
      Element dep = (Element) deps.item(i);
      String artifact = text(dep, "artifactId");
      if (expected.containsKey(artifact)) {
        String version = text(dep, "version").replace("${gemini-live-kit.version}",
            property(example, "gemini-live-kit.version"));
        assertThat(version).as(artifact).isEqualTo(expected.get(artifact));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(expected.size());
    assertThat(text(example.getDocumentElement(), "version")).isEqualTo(Examples.VERSION);
  }

  private static Document read(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  private static String property(Document pom, String name) {
    return pom.getElementsByTagName(name).item(0).getTextContent().trim();
  }

  private static String text(Element parent, String child) {
    NodeList nodes = parent.getElementsByTagName(child);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
  }
}
