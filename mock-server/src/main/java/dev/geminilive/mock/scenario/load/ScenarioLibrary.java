package dev.geminilive.mock.scenario.load;

import dev.geminilive.mock.profile.ProfileCatalog;
import dev.geminilive.mock.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scenarios of one folder, as an immutable snapshot that sessions pick from. A background
 * thread polls the folder and swaps in a new snapshot when any file changed, so new sessions get
 * the new version without a restart while running ones keep theirs. A broken file is reported and
 * left out; the good ones stay. No file I/O ever happens on a session's event loop.
 *
 * <p>Scenarios added at run time (from Java, or through the admin API) lie over the folder's: one
 * with the same id replaces the file's until it is removed, and reloads keep them.
 */
public final class ScenarioLibrary implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScenarioLibrary.class);

  /** What is loaded now. */
  public record Snapshot(long version, Map<String, Scenario> scenarios, List<ScenarioProblem> problems) {
    public Optional<Scenario> get(String id) {
      return Optional.ofNullable(scenarios.get(id));
    }
  }

  private final ScenarioLoader loader;
  private final AtomicReference<Snapshot> current = new AtomicReference<>();
  private final Map<String, Scenario> added = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile Map<String, Scenario> fromFiles = Map.of();
  private volatile List<ScenarioProblem> fileProblems = List.of();
  private final ConcurrentLinkedQueue<String> queued = new ConcurrentLinkedQueue<>();
  private final AtomicLong versions = new AtomicLong();
  private volatile Map<Path, String> fingerprint = Map.of();
  private ScheduledExecutorService poller;

  private final boolean folder;

  public ScenarioLibrary(ScenarioLoader loader) {
    this(loader, true);
  }

  private ScenarioLibrary(ScenarioLoader loader, boolean folder) {
    this.loader = loader;
    this.folder = folder;
    reload();
  }

  /** The scenarios folder (for a library without one, a folder that does not exist). */
  public Path root() {
    return loader.root();
  }

  /** False for a library of run-time scenarios only. */
  public boolean hasFolder() {
    return folder;
  }

  /**
   * A library with no folder: only scenarios added at run time. Their audio can only be
   * generated ({@code tone}, {@code silence}): the root is a folder that does not exist.
   */
  public static ScenarioLibrary withoutFolder(ProfileCatalog profiles) {
    Path nowhere = Path.of(System.getProperty("java.io.tmpdir"), "gemini-live-mock-no-scenarios-folder");
    return new ScenarioLibrary(new ScenarioLoader(nowhere, ScenarioSchema.bundled(), profiles), false);
  }

  /**
   * Reads scenario text that is no file of the folder (the admin API's, a builder's), with every
   * check a file gets. {@code name} says the syntax ({@code .json} or YAML) and names it in problems.
   */
  public ScenarioLoader.FileResult read(String name, String text) {
    return loader.parse(loader.root().resolve(name), name, text);
  }

  /**
   * Adds a scenario at run time, replacing any with the same id (a file's too, until
   * {@link #remove}); new sessions get it at once. Returns the one it replaced, if any.
   */
  public synchronized Optional<Scenario> put(Scenario scenario) {
    Scenario before = added.put(scenario.id(), scenario);
    publish();
    return Optional.ofNullable(before);
  }

  /** Removes a scenario added at run time (a file's scenario of that id shows again). */
  public synchronized boolean remove(String id) {
    boolean removed = added.remove(id) != null;
    if (removed) {
      publish();
    }
    return removed;
  }

  /** Ids of the scenarios added at run time. */
  public java.util.Set<String> addedIds() {
    return java.util.Set.copyOf(added.keySet());
  }

  private void publish() {
    Map<String, Scenario> byId = new TreeMap<>(fromFiles);
    byId.putAll(added);
    current.set(new Snapshot(versions.incrementAndGet(), Collections.unmodifiableMap(byId), fileProblems));
  }

  public Snapshot snapshot() {
    return current.get();
  }

  /** Re-reads the whole folder now and publishes the result. */
  public synchronized Snapshot reload() {
    if (!folder) {
      publish();
      return current.get();
    }
    Map<Path, String> prints = fingerprint();
    ScenarioLoader.FolderResult result = loader.loadAll();
    Map<String, Scenario> byId = new TreeMap<>();
    for (Scenario s : result.scenarios()) {
      byId.putIfAbsent(s.id(), s);
    }
    fromFiles = Collections.unmodifiableMap(byId);
    fileProblems = List.copyOf(result.allProblems());
    fingerprint = prints;
    publish();
    Snapshot next = current.get();
    for (ScenarioProblem p : next.problems()) {
      LOG.warn("scenario problem: {}", p);
    }
    LOG.info("scenarios loaded from {}: {} ok, {} problem(s)", root(), byId.size(),
        next.problems().stream().filter(ScenarioProblem::error).count());
    return next;
  }

  /** Reloads when any file under the root changed since the last load; true when it did. */
  public synchronized boolean reloadIfChanged() {
    if (!folder || fingerprint().equals(fingerprint)) {
      return false;
    }
    reload();
    return true;
  }

  /** Starts polling the folder every {@code intervalMillis} on a daemon thread. */
  public synchronized void watch(long intervalMillis) {
    if (poller != null || !folder) {
      return;
    }
    poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "scenario-reload");
      t.setDaemon(true);
      return t;
    });
    poller.scheduleWithFixedDelay(() -> {
      try {
        reloadIfChanged();
      } catch (RuntimeException e) {
        LOG.warn("scenario reload failed", e);
      }
    }, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
  }

  /** Queues a scenario for the next session that names none; false when no such scenario. */
  public boolean queue(String id) {
    if (snapshot().get(id).isEmpty()) {
      return false;
    }
    queued.add(id);
    return true;
  }

  /** Takes the next queued scenario id, if any. */
  public Optional<String> takeQueued() {
    return Optional.ofNullable(queued.poll());
  }

  public List<String> queuedIds() {
    return new ArrayList<>(queued);
  }

  public void clearQueue() {
    queued.clear();
  }

  /** Size and modification time of every regular file under the root, scenarios and audio. */
  private Map<Path, String> fingerprint() {
    Map<Path, String> prints = new LinkedHashMap<>();
    try (Stream<Path> walk = Files.walk(root())) {
      walk.forEach(p -> {
        try {
          BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          if (a.isDirectory()) {
            return;
          }
          String print = a.size() + "@" + a.lastModifiedTime().toMillis();
          if (a.isRegularFile() && ScenarioLoader.isScenarioFile(p) && a.size() <= ScenarioLoader.MAX_FILE_BYTES) {
            // Content too: an edit within the file system's timestamp granularity still counts.
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(Files.readAllBytes(p));
            print += "#" + Long.toHexString(crc.getValue());
          }
          prints.put(p, print);
        } catch (IOException e) {
          prints.put(p, "unreadable");
        }
      });
    } catch (IOException | java.io.UncheckedIOException e) {
      prints.put(root(), "unlistable");
    }
    return prints;
  }

  @Override
  public synchronized void close() {
    if (poller != null) {
      poller.shutdownNow();
      poller = null;
    }
  }
}
