package dev.geminilive.mock.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The one reader behind the scenario key, the admin API and the options of serve. */
class NetworkSpecTest {
  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  @Test
  void readsEveryConditionAndWritesTheSameShapeBack() throws Exception {
    String text = "{\"latencyMs\":200,\"jitterMs\":50,\"bytesPerSecond\":16000,"
        + "\"bunch\":{\"frames\":5,\"maxHoldMs\":400},\"stall\":{\"ms\":3000,\"afterAudioChunks\":10},\"seed\":7}";
    NetworkSpec.Result r = NetworkSpec.read(json(text));
    assertThat(r.problems()).isEmpty();
    assertThat(r.conditions()).isEqualTo(new NetworkConditions(200, 50, 16000,
        new NetworkConditions.Bunch(5, 400), new NetworkConditions.Stall(3000, null, 10), 7));
    assertThat(r.conditions().toJson().toString()).isEqualTo(json(text).toString());
    assertThat(r.conditions().describe()).contains("latency 200 ms ± 50 ms", "16000 B/s", "bunches of 5",
        "stall 3000 ms after audio chunk 10");
  }

  @Test
  void emptyOrNullIsAPerfectNetwork() throws Exception {
    assertThat(NetworkSpec.read(json("{}")).conditions().none()).isTrue();
    assertThat(NetworkSpec.read(null).conditions()).isEqualTo(NetworkConditions.NONE);
    assertThat(NetworkSpec.read(json("{\"bunch\":{\"frames\":3}}")).conditions().bunch().maxHoldMs())
        .isEqualTo(NetworkConditions.Bunch.DEFAULT_MAX_HOLD_MS);
  }

  @Test
  void badValuesAreNamedWithTheirPointer() throws Exception {
    NetworkSpec.Result r = NetworkSpec.read(json("{\"latencyMs\":-1,\"jitterMs\":\"50ms\",\"bytesPerSecond\":10,"
        + "\"bunch\":{\"frames\":1},\"stall\":{\"ms\":100,\"afterMs\":5,\"afterAudioChunks\":2},\"latncy\":3}"));
    assertThat(r.ok()).isFalse();
    assertThat(r.conditions()).isNull();
    assertThat(r.problems()).extracting(NetworkSpec.Problem::toString).containsExactlyInAnyOrder(
        "latencyMs: latencyMs must be between 0 and 600000, not -1",
        "jitterMs: jitterMs is a whole number of milliseconds, not \"50ms\"",
        "bytesPerSecond: bytesPerSecond must be at least 100, not 10",
        "bunch.frames: frames must be between 2 and 1000, not 1",
        "stall.afterAudioChunks: give afterMs or afterAudioChunks, not both: a stall starts once",
        "latncy: unknown key \"latncy\" (did you mean latencyMs?); known: bunch, bytesPerSecond, jitterMs, latencyMs,"
            + " seed, stall");
    assertThat(NetworkSpec.read(json("{\"stall\":{}}")).problems()).extracting(NetworkSpec.Problem::message)
        .containsExactly("stall needs ms: how long nothing is delivered");
    assertThat(NetworkSpec.read(json("[1]")).problems()).hasSize(1);
  }
}
