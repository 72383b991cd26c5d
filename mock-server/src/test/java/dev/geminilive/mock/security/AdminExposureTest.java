package dev.geminilive.mock.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geminilive.mock.cli.MockServerCli;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.rest.RestCompanion;
import dev.geminilive.mock.persona.PersonaResponder;
import dev.geminilive.mock.testing.RawHttp;
import dev.geminilive.mock.tls.TlsMaterial;
import dev.geminilive.mock.transport.LiveServer;
import dev.geminilive.mock.transport.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Who reaches the admin API depending on where the mock listens: loopback peers only when it is
 * bound to a network address without a token; anyone with the token; nobody with
 * {@code --no-admin}; TLS only with {@code --admin-require-tls}.
 */
class AdminExposureTest {
  static final String TOKEN = "exposure-test-token-42";
  static final String AUTH = "Authorization: Bearer " + TOKEN;

  /** An address of this machine that is not loopback: connecting to it makes us a network peer. */
  static Optional<String> networkAddress() throws Exception {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
          return Optional.of(a.getHostAddress());
        }
      }
    }
    return Optional.empty();
  }

  static LiveServer start(ServerConfig config, RestCompanion rest) throws Exception {
    return LiveServer.start(config, ProfileCatalog.bundled(), s -> new PersonaResponder(), rest.companions());
  }

  @Test
  void boundToTheNetworkWithoutATokenOnlyThisMachineReachesTheAdminApi() throws Exception {
    String lan = networkAddress().orElse(null);
    Assumptions.assumeTrue(lan != null, "this machine has no non-loopback IPv4 address");
    try (RestCompanion rest = RestCompanion.start(null, null);
         LiveServer server = start(ServerConfig.defaults().withHost("0.0.0.0"), rest)) {
      RawHttp local = new RawHttp("127.0.0.1", server.port());
      RawHttp remote = new RawHttp(lan, server.port());
      assertThat(local.get("/__admin/sessions").status()).isEqualTo(200);
      assertThat(local.get("/__admin/mappings").status()).isEqualTo(200);
      for (String route : List.of("/__admin/sessions", "/__admin/mappings", "/__admin/journal", "/__admin/ui",
          "/%5F%5Fadmin/mappings")) {
        RawHttp.Response r = remote.get(route);
        assertThat(r.status()).as(route).isEqualTo(403);
        assertThat(r.body()).contains(AdminSecurity.TOKEN_ENV);
      }
      assertThat(remote.send("POST", "/__admin/mappings", "{}").status()).isEqualTo(403);
      assertThat(remote.get("/__admin/health").status()).isEqualTo(200);
      // The Live port's REST side is not admin: a network peer still gets its OAuth token.
      assertThat(remote.send("POST", "/token", "").status()).isEqualTo(200);
    }
  }

  @Test
  void withATokenNetworkPeersUseTheAdminApiWithItAndOnlyWithIt() throws Exception {
    String lan = networkAddress().orElse(null);
    Assumptions.assumeTrue(lan != null, "this machine has no non-loopback IPv4 address");
    try (RestCompanion rest = RestCompanion.start(null, null);
         LiveServer server = start(ServerConfig.defaults().withHost("0.0.0.0")
             .withAdmin(AdminSecurity.withToken(TOKEN)), rest)) {
      RawHttp remote = new RawHttp(lan, server.port());
      RawHttp local = new RawHttp("127.0.0.1", server.port());
      assertThat(remote.get("/__admin/sessions", AUTH).status()).isEqualTo(200);
      assertThat(remote.get("/__admin/mappings", AUTH).status()).isEqualTo(200);
      assertThat(remote.get("/__admin/sessions").status()).isEqualTo(401);
      // Loopback is no exception once a token is set.
      assertThat(local.get("/__admin/sessions").status()).isEqualTo(401);
      assertThat(local.get("/__admin/mappings").status()).isEqualTo(401);
    }
  }

  @Test
  void openToTheNetworkOnlyWhenAskedFor() throws Exception {
    String lan = networkAddress().orElse(null);
    Assumptions.assumeTrue(lan != null, "this machine has no non-loopback IPv4 address");
    try (RestCompanion rest = RestCompanion.start(null, null);
         LiveServer server = start(ServerConfig.defaults().withHost("0.0.0.0")
             .withAdmin(AdminSecurity.defaults().openToNetwork(true)), rest)) {
      assertThat(new RawHttp(lan, server.port()).get("/__admin/sessions").status()).isEqualTo(200);
    }
  }

  @Test
  void noAdminTurnsEveryAdminRouteOffButHealth() throws Exception {
    try (RestCompanion rest = RestCompanion.start(null, null);
         LiveServer server = start(ServerConfig.defaults()
             .withAdmin(AdminSecurity.withToken(TOKEN).enabled(false)), rest)) {
      RawHttp http = new RawHttp("127.0.0.1", server.port());
      for (String route : List.of("/__admin/sessions", "/__admin/journal", "/__admin/mappings", "/__admin/requests",
          "/__admin/ui", "/__admin/scenarios", "/__admin", "/__ADMIN/mappings")) {
        assertThat(http.get(route).status()).as(route).isEqualTo(404);
        assertThat(http.get(route, AUTH).status()).as(route + " with the token").isEqualTo(404);
      }
      assertThat(http.send("POST", "/__admin/mappings", "{}", AUTH).status()).isEqualTo(404);
      assertThat(http.get("/__admin/health").status()).isEqualTo(200);
    }
  }

  @Test
  void requireTlsRefusesToStartWithoutTlsAndServesAdminOverTls() throws Exception {
    ServerConfig plain = ServerConfig.defaults().withAdmin(AdminSecurity.withToken(TOKEN).requireTls(true));
    assertThatThrownBy(() -> LiveServer.start(plain)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--admin-require-tls").hasMessageNotContaining(TOKEN);
    TlsMaterial tls = TlsMaterial.selfSigned(List.of());
    try (RestCompanion rest = RestCompanion.start(null, null);
         LiveServer server = start(plain.withTls(tls), rest)) {
      assertThat(server.baseUrl()).startsWith("https://");
      RawHttp https = new RawHttp("127.0.0.1", server.port(), tls.clientContext());
      assertThat(https.get("/__admin/sessions", AUTH).status()).isEqualTo(200);
      assertThat(https.get("/__admin/mappings", AUTH).status()).isEqualTo(200);
      assertThat(https.get("/__admin/sessions").status()).isEqualTo(401);
    }
  }

  @Test
  void serveChecksItsAdminOptionsWithoutRepeatingTheToken() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true));
    try {
      assertThat(MockServerCli.run("serve", "--port", "0", "--admin-require-tls")).isEqualTo(2);
      assertThat(MockServerCli.run("serve", "--port", "0", "--admin-token", "with space-" + TOKEN)).isEqualTo(2);
      assertThat(MockServerCli.run("serve", "--port", "0", "--admin-token", "")).isEqualTo(2);
      assertThat(MockServerCli.run("serve", "--port", "0", "--admin-token-file", "/no/such/file")).isEqualTo(2);
    } finally {
      System.setErr(err);
    }
    assertThat(captured.toString()).contains("--admin-require-tls needs TLS", "printable ASCII")
        .doesNotContain(TOKEN);
  }
}
