package dev.geminilive.conformance.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes every report of a run into one directory: JSON, JUnit XML per driver, HTML. */
public final class Reports {
  private Reports() {}

  /** Returns the files written. */
  public static List<Path> write(Path dir, List<SuiteResult> results) throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    Path json = dir.resolve("conformance.json");
    Files.writeString(json, JsonReport.render(results), StandardCharsets.UTF_8);
    written.add(json);
    for (SuiteResult r : results) {
      Path xml = dir.resolve("TEST-conformance-" + fileSafe(r.driver()) + ".xml");
      Files.writeString(xml, JunitXmlReport.render(r), StandardCharsets.UTF_8);
      written.add(xml);
    }
    Path html = dir.resolve("index.html");
    Files.writeString(html, HtmlReport.render(results), StandardCharsets.UTF_8);
    written.add(html);
    return written;
  }

  static String fileSafe(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]+", "_");
  }
}
