package dev.geminilive.mock.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guard's decisions without a socket: what is an admin target, what is open, who is let in. */
class AdminGuardTest {
  static final String TOKEN = "unit-token";

  static AdminGuard.Request get(String target, InetAddress peer, String... authorization) {
    return new AdminGuard.Request("GET", target, List.of(authorization), null, "h:1", null, null, peer, false);
  }

  @Test
  void onlyTheExactHealthRouteIsOpen() {
    assertThat(AdminPaths.isHealth("GET", "/__admin/health")).isTrue();
    assertThat(AdminPaths.isHealth("GET", "/__admin/health?x=1")).isTrue();
    assertThat(AdminPaths.isHealth("GET", "/__admin/health/../sessions")).isFalse();
    assertThat(AdminPaths.isHealth("GET", "/__admin/healthz")).isFalse();
    assertThat(AdminPaths.isHealth("GET", "//__admin/health")).isFalse();
    assertThat(AdminPaths.isHealth("POST", "/__admin/health")).isFalse();
  }

  @Test
  void adminTargetsAreReadAsWidelyAsAnyRouterMight() {
    assertThat(AdminPaths.normalise("/x/..%252F%255F%255FADMIN\\mappings")).isEqualTo("/__admin/mappings");
    assertThat(AdminPaths.isAdmin("/v1beta/models")).isFalse();
    assertThat(AdminPaths.isAdmin("/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent?key=k"))
        .isFalse();
    assertThat(AdminPaths.isAdmin("/%5f%5fadmin/x")).isTrue();
  }

  @Test
  void aTokenLetsInOnlyItsOwnHolderFromAnywhere() throws Exception {
    AdminGuard guard = new AdminGuard(AdminSecurity.withToken(TOKEN));
    InetAddress local = InetAddress.getLoopbackAddress();
    InetAddress remote = InetAddress.getByName("192.0.2.7");
    assertThat(guard.check(get("/__admin/sessions", remote, "Bearer " + TOKEN))).isEqualTo(AdminGuard.Verdict.ALLOW);
    assertThat(guard.check(get("/__admin/sessions", local))).isEqualTo(AdminGuard.Verdict.UNAUTHORIZED);
    assertThat(guard.check(get("/__admin/sessions", local, "Bearer " + TOKEN + " "))).isEqualTo(AdminGuard.Verdict.ALLOW);
    assertThat(guard.check(get("/__admin/sessions?token=" + TOKEN, local))).isEqualTo(AdminGuard.Verdict.UNAUTHORIZED);
    assertThat(guard.check(get("/__admin/health", remote))).isEqualTo(AdminGuard.Verdict.ALLOW);
    assertThat(guard.check(get("/v1beta/models", remote))).isEqualTo(AdminGuard.Verdict.NOT_ADMIN);
    assertThat(guard.isAdminCredential("Bearer " + TOKEN)).isTrue();
    assertThat(guard.isAdminCredential("Bearer ya29.oauth")).isFalse();
  }

  @Test
  void withoutATokenNetworkPeersAreRefusedUnlessOpenedUp() throws Exception {
    InetAddress remote = InetAddress.getByName("192.0.2.7");
    assertThat(new AdminGuard(AdminSecurity.defaults()).check(get("/__admin/sessions", remote)))
        .isEqualTo(AdminGuard.Verdict.LOOPBACK_ONLY);
    assertThat(new AdminGuard(AdminSecurity.defaults()).check(get("/__admin/sessions", InetAddress.getByName("::1"))))
        .isEqualTo(AdminGuard.Verdict.ALLOW);
    assertThat(new AdminGuard(AdminSecurity.defaults().openToNetwork(true)).check(get("/__admin/sessions", remote)))
        .isEqualTo(AdminGuard.Verdict.ALLOW);
    assertThat(new AdminGuard(AdminSecurity.defaults().enabled(false)).check(get("/__admin/sessions", remote)))
        .isEqualTo(AdminGuard.Verdict.DISABLED);
    assertThat(new AdminGuard(AdminSecurity.defaults().requireTls(true)).check(get("/__admin/sessions", remote)))
        .isEqualTo(AdminGuard.Verdict.TLS_REQUIRED);
  }

  @Test
  void theTokenIsNeverPrintedAndMustFitInAHeader() {
    assertThat(AdminSecurity.withToken(TOKEN).toString()).doesNotContain(TOKEN).contains("token=set");
    assertThatThrownBy(() -> AdminSecurity.withToken("two words")).hasMessageNotContaining("two words");
    assertThatThrownBy(() -> AdminSecurity.withToken("")).isInstanceOf(IllegalArgumentException.class);
    assertThat(AdminSecurity.randomToken()).hasSize(43).isNotEqualTo(AdminSecurity.randomToken());
  }
}
