package dev.geminilive.mock.record;

import dev.geminilive.mock.profile.ApiFlavour;
import java.time.Instant;

/**
 * What a recording says about where it came from; never a credential.
 *
 * @param id the scenario id (also the file name)
 * @param flavour Developer API or Vertex AI
 * @param method the Live path the client asked for, from {@code /ws/} on
 * @param upstream the upstream's URL without query (no key can be in it)
 * @param credential the credential's kind and place, e.g. {@code api-key@header}
 * @param started when the client's upgrade arrived
 */
record RecordingInfo(String id, ApiFlavour flavour, String method, String upstream, String credential,
    Instant started) {}
