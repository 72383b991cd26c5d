package dev.geminilive.mock.transport;

import dev.geminilive.mock.admin.AdminApi;
import dev.geminilive.mock.journal.Journal;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.session.ResponderFactory;

/** What every connection's handlers share: read-only configuration and thread-safe registries. */
record ServerContext(
    ServerConfig config,
    Journal journal,
    AdminApi admin,
    ProfileCatalog profiles,
    ResponderFactory responders,
    CredentialPolicy credentials,
    SessionGate gate) {}
