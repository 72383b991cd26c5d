package dev.geminilive.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** examples/kubernetes fits together: the Services select the Deployment's pods, the autoscaler scales it. */
class KubernetesManifestsTest {
  @Test
  void deploymentServicesAndAutoscalerFitTogether() throws Exception {
    List<JsonNode> all = new ArrayList<>();
    for (String file : List.of("deployment.yaml", "service.yaml", "hpa.yaml")) {
      all.addAll(Examples.yamlDocuments("kubernetes/" + file));
    }
    JsonNode deployment = only(all, "Deployment");
    JsonNode hpa = only(all, "HorizontalPodAutoscaler");
    List<JsonNode> services = all.stream().filter(d -> d.get("kind").asText().equals("Service")).toList();
    assertThat(services).hasSize(2);

    JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
    assertThat(deployment.at("/spec/selector/matchLabels")).isEqualTo(podLabels);
    JsonNode container = deployment.at("/spec/template/spec/containers/0");
    assertThat(container.get("image").asText()).isEqualTo("gemini-live-mock:" + Examples.VERSION);
    assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(9125);
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/__admin/health");
    assertThat(deployment.at("/spec/template/spec/securityContext/runAsUser").asInt()).isEqualTo(65532);

    for (JsonNode service : services) {
      assertThat(service.at("/spec/selector")).isEqualTo(podLabels);
      assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo(container.at("/ports/0/name").asText());
    }
    assertThat(services).anyMatch(s -> s.at("/spec/clusterIP").asText().equals("None"));
    assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo(deployment.at("/metadata/name").asText());
    assertThat(hpa.at("/spec/minReplicas").asInt()).isPositive().isLessThan(hpa.at("/spec/maxReplicas").asInt());
  }

  private static JsonNode only(List<JsonNode> docs, String kind) {
    List<JsonNode> found = docs.stream().filter(d -> d.get("kind").asText().equals(kind)).toList();
    assertThat(found).as(kind).hasSize(1);
    return found.get(0);
  }
}
