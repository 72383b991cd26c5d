package dev.geminilive.mock.transport;

import dev.geminilive.mock.admin.AdminApi;
import dev.geminilive.mock.journal.Journal;
import dev.geminilive.mock.network.NetworkShaping;
import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.session.ResponderFactory;
import dev.geminilive.mock.session.ResumptionStore;
import java.util.concurrent.Executor;

/** What every connection's handlers share: read-only configuration and thread-safe registries. */
record ServerContext(
    ServerConfig config,
    Journal journal,
    AdminApi admin,
    ProfileCatalog profiles,
    ResponderFactory responders,
    CredentialPolicy credentials,
    ResumptionStore resumptions,
    HttpCompanion companion,
    Executor companionExecutor,
    SessionGate gate,
    LiveTunnel tunnel,
    NetworkShaping networks,
    PacingStats pacing) {}
