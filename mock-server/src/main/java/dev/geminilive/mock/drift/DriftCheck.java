package dev.geminilive.mock.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.mock.persona.PersonaResponder;
import dev.geminilive.mock.profile.ApiFlavour;
import dev.geminilive.mock.profile.ModelProfile;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.session.SessionSettings;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The drift check: runs each {@link Probes probe} for each model against the upstream and against
 * an in-process mock with the model's profile, and reports where they disagree. Nothing about the
 * credential is written anywhere; the exchanges are kept as files for a bug report.
 */
public final class DriftCheck {
  static final String DEVELOPER_PATH = "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent";
  /** Rough length of a model's spoken reply, for the cost estimate only. */
  private static final int REPLY_SECONDS = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param upstream the real service, e.g. {@code https://generativelanguage.googleapis.com}
   * @param apiKey sent as {@code x-goog-api-key}; null only for a dry run
   * @param models model ids; empty: one per Developer API profile
   * @param out folder for the exchanges and the report
   * @param timeoutMillis how long a probe waits for an answer (setup or turn)
   * @param upstreamCa extra certificates to trust for a wss upstream (PEM); null: the JVM's
   * @param profiles the profiles the mock side uses
   */
  public record Options(URI upstream, String apiKey, List<String> models, Path out, boolean dryRun,
      long timeoutMillis, Path upstreamCa, ProfileCatalog profiles) {}

  /** One line of the table. */
  public record Row(String model, String probe, String behaviour, String predicted, String observed) {
    public boolean agree() {
      return predicted.equals(observed);
    }
  }

  private DriftCheck() {}

  /** Runs the check, prints the plan and the table; returns 0 when all agree, 1 otherwise. */
  public static int run(Options options, PrintWriter out) throws Exception {
    List<Probe> probes = Probes.all();
    List<String> models = options.models().isEmpty() ? defaultModels(options.profiles()) : options.models();
    for (String model : models) {
      if (options.profiles().resolve(model, ApiFlavour.DEVELOPER).isEmpty()) {
        out.println("No profile serves " + model + " on the Developer API; give a model a profile knows (or --profiles DIR).");
        return 2;
      }
    }
    int sessions = probes.size() * models.size();
    int audioSent = probes.stream().mapToInt(Probe::audioMillis).sum() * models.size() / 1000;
    int turns = probes.stream().mapToInt(Probe::turns).sum() * models.size();
    long worst = (long) probes.stream().mapToInt(p -> p.turns() + 1).sum() * models.size() * options.timeoutMillis() / 1000;
    out.printf("Drift check against %s%n", options.upstream());
    out.printf("  models:   %s%n", String.join(", ", models));
    out.printf("  cost:     %d upstream sessions (%d probes x %d models), about %d s of audio sent and up to"
        + " about %d s of model audio received (%d turns); at most about %d s in all%n",
        sessions, probes.size(), models.size(), audioSent, turns * REPLY_SECONDS, turns, worst);
    out.printf("  exchanges and report: %s%n", options.out());
    out.println("  goAway timing is not probed (the first goAway comes minutes into a session).");
    if (options.dryRun()) {
      out.println("Dry run: nothing is sent. The probes:");
      for (Probe p : probes) {
        out.printf("  %-26s %s%n", p.id(), p.behaviour());
      }
      out.flush();
      return 0;
    }
    out.flush();
    SSLContext tls = options.upstreamCa() == null ? null : trusting(options.upstreamCa());
    ProbeRunner upstreamRunner = new ProbeRunner(tls, options.timeoutMillis());
    ProbeRunner mockRunner = new ProbeRunner(null, options.timeoutMillis());
    String upstreamUrl = wsBase(options.upstream()) + DEVELOPER_PATH;
    List<Row> rows = new ArrayList<>();
    // The mock side answers at once (time scale 0): what matters is what it answers, not when.
    try (LiveServer mock = LiveServer.start(ServerConfig.defaults().withSession(new SessionSettings(0, 500)),
        options.profiles(), s -> new PersonaResponder())) {
      String mockUrl = mock.baseUrl().replaceFirst("^http", "ws") + DEVELOPER_PATH;
      for (String model : models) {
        for (Probe probe : probes) {
          Exchange predicted = mockRunner.run(probe, model, mockUrl, Map.of("x-goog-api-key", "drift-check"));
          Exchange observed = upstreamRunner.run(probe, model, upstreamUrl, Map.of("x-goog-api-key", options.apiKey()));
          Row row = new Row(model, probe.id(), probe.behaviour(), predicted.outcome(), observed.outcome());
          rows.add(row);
          save(options.out(), model, probe, "mock", mock.baseUrl(), predicted);
          save(options.out(), model, probe, "upstream", options.upstream().toString(), observed);
          out.printf("  %s %-26s %s%n", row.agree() ? "agree   " : "DISAGREE", probe.id(), model);
          out.flush();
        }
      }
    }
    String table = table(rows);
    out.println();
    out.print(table);
    long disagreements = rows.stream().filter(r -> !r.agree()).count();
    out.printf("%n%d of %d probes disagree.%s%n", disagreements, rows.size(),
        disagreements == 0 ? "" : " Attach " + options.out().resolve("report.md") + " and the exchange files to a bug report.");
    Files.createDirectories(options.out());
    Files.writeString(options.out().resolve("report.md"), report(options, table, disagreements, rows.size()),
        StandardCharsets.UTF_8);
    out.flush();
    return disagreements == 0 ? 0 : 1;
  }

  /** One model per profile that serves the Developer API: the first it lists. */
  static List<String> defaultModels(ProfileCatalog profiles) {
    List<String> models = new ArrayList<>();
    for (ModelProfile p : profiles.profiles()) {
      if (p.servedOn(ApiFlavour.DEVELOPER) && !p.models().isEmpty()) {
        models.add(p.models().get(0));
      }
    }
    return models;
  }

  static String table(List<Row> rows) {
    int b = "behaviour".length();
    int m = "model".length();
    int p = "profile predicts".length();
    for (Row r : rows) {
      b = Math.max(b, r.probe().length());
      m = Math.max(m, r.model().length());
      p = Math.max(p, r.predicted().length());
    }
    String format = "%-" + b + "s  %-" + m + "s  %-" + p + "s  %-8s  %s%n";
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(format, "behaviour", "model", "profile predicts", "agree", "upstream did"));
    for (Row r : rows) {
      sb.append(String.format(format, r.probe(), r.model(), r.predicted(), r.agree() ? "yes" : "NO", r.observed()));
    }
    return sb.toString();
  }

  private static String report(Options options, String table, long disagreements, int total) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Drift check\n\n");
    sb.append("Upstream: ").append(options.upstream()).append("  \n");
    sb.append("Probes: ").append(total).append(", disagreements: ").append(disagreements).append("\n\n");
    sb.append("Each outcome is: the answer to the setup, then per awaited turn the kinds of content seen and how"
        + " the turn ended, separated by `|`. The exchanges are in `<model>/<probe>.upstream.json` and"
        + " `<model>/<probe>.mock.json` (audio replaced by its size; no credential).\n\n");
    sb.append("```\n").append(table).append("```\n");
    return sb.toString();
  }

  private static void save(Path dir, String model, Probe probe, String side, String target, Exchange exchange)
      throws IOException {
    Path folder = dir.resolve(model);
    Files.createDirectories(folder);
    ObjectNode file = JSON.createObjectNode();
    file.put("probe", probe.id());
    file.put("behaviour", probe.behaviour());
    file.put("model", model);
    file.put("side", side);
    file.put("target", target);
    file.put("outcome", exchange.outcome());
    file.set("exchange", exchange.log());
    Files.writeString(folder.resolve(probe.id() + "." + side + ".json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(file), StandardCharsets.UTF_8);
  }

  static String wsBase(URI upstream) {
    String scheme = switch (upstream.getScheme()) {
      case "https", "wss" -> "wss";
      default -> "ws";
    };
    String path = Optional.ofNullable(upstream.getRawPath()).orElse("").replaceAll("/+$", "");
    return scheme + "://" + upstream.getRawAuthority() + path;
  }

  private static SSLContext trusting(Path pem) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("upstream-" + (i++), c);
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
