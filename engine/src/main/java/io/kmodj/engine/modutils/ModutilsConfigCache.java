package io.kmodj.engine.modutils;

import io.kmodj.engine.cache.BinaryReader;
import io.kmodj.engine.cache.BinaryWriter;
import io.kmodj.engine.cache.CacheStore;
import io.kmodj.engine.cache.PathCheck;
import io.kmodj.engine.config.Origin;
import io.kmodj.grammar.diag.Severity;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A modules.conf configuration kept in a {@link CacheStore}: evaluating a big modules.conf (parse,
 * {@code include}, {@code if}, expansion) costs far more than reading its result back. An entry is
 * keyed by the request (file, kernel version, module directory, {@code -k}, {@code --allow-exec})
 * and the working directory, and holds every question the reading asked outside the text ({@link
 * ReadInputs}: each file read with its size, time and CRC-32C, each file tested, each directory
 * listed, each variable looked up) with its answer. The entry is used only when every question gets
 * the same answer again; a reading that ran a command is never stored.
 */
public final class ModutilsConfigCache {
  private static final String KIND = "modules.conf";

  /** Configurations kept in memory for {@link #kept}, by request key. */
  private static final Map<String, Kept> KEPT = new ConcurrentHashMap<>();

  /**
   * A configuration, the questions its reading asked, and a check of the paths they were about
   * (with their directories) taken before the questions were last answered alike.
   */
  private record Kept(
      List<ReadInputs.Observation> observations, ModutilsConfig config, PathCheck check) {
    /** Whether the check vouches for every path asked about, and each variable is as it was. */
    boolean quicklyHolds() {
      if (!check.unchanged()) {
        return false;
      }
      for (ReadInputs.Observation o : observations) {
        if (o.kind() == ReadInputs.Kind.GETENV && !o.holds()) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * The files and directories a reading's questions were about, and the directories they are in.
   */
  private static List<Path> paths(List<ReadInputs.Observation> observations) {
    List<Path> paths = new ArrayList<>();
    for (ReadInputs.Observation o : observations) {
      if (o.kind() == ReadInputs.Kind.GETENV) {
        continue;
      }
      Path p = Path.of(o.subject()).toAbsolutePath();
      paths.add(p);
      if (p.getParent() != null) {
        // a file created, removed or renamed over, and a listing changed, show on the directory
        paths.add(p.getParent());
      }
    }
    return paths;
  }

  private ModutilsConfigCache() {}

  /**
   * Reads a configuration as {@code new ModulesConfReader(request).read()} does, keeping it in
   * memory for the next reading of the same request in this process: the kept one is used while
   * every question its reading asked (each file read, by size, time and CRC-32C; each file tested,
   * directory listed, variable looked up) gets the same answer again, so an edit is seen by the
   * next reading. For modprobes run on a simulated kernel, one per request of its kmod thread. A
   * reading that ran a command is never kept. Thread-safe; a configuration is never changed once
   * read. Asking again is skipped while a {@link PathCheck} of the paths asked about (and of their
   * directories), taken before they were last asked, vouches that none changed: one stat each.
   *
   * @param request what to read
   * @return the configuration
   */
  public static ModutilsConfig kept(ModulesConfReader.Request request) {
    String key = key(request);
    Kept k = KEPT.get(key);
    if (k != null) {
      if (k.quicklyHolds()) {
        return k.config();
      }
      // stat before asking: a change made meanwhile is seen by the next check
      PathCheck check = PathCheck.take(paths(k.observations()));
      if (k.observations().stream().allMatch(ReadInputs.Observation::holds)) {
        KEPT.put(key, new Kept(k.observations(), k.config(), check));
        return k.config();
      }
    }
    ReadInputs.Recording inputs = new ReadInputs.Recording();
    ModutilsConfig config = new ModulesConfReader(request, inputs).read();
    if (inputs.ranCommand()) {
      KEPT.remove(key);
    } else {
      // the paths are known only now: the next reading asks the long way and takes the check
      KEPT.put(key, new Kept(inputs.observations(), config, PathCheck.NEVER));
    }
    return config;
  }

  /**
   * Reads a configuration as {@code new ModulesConfReader(request).read()} does, through a cache.
   *
   * @param request what to read
   * @param store the cache
   * @return the configuration
   */
  public static ModutilsConfig read(ModulesConfReader.Request request, CacheStore store) {
    if (store.directory().isEmpty()) {
      return new ModulesConfReader(request).read();
    }
    String key = key(request);
    Optional<ByteBuffer> hit = store.read(KIND, key);
    if (hit.isPresent()) {
      Optional<ModutilsConfig> c = decode(hit.get());
      if (c.isPresent()) {
        return c.get();
      }
    }
    ReadInputs.Recording inputs = new ReadInputs.Recording();
    ModutilsConfig config = new ModulesConfReader(request, inputs).read();
    if (!inputs.ranCommand()) {
      store.write(KIND, key, encode(inputs.observations(), config));
    }
    return config;
  }

  private static String key(ModulesConfReader.Request r) {
    return String.join(
        "\n",
        r.configFile().orElse("(default places)"),
        r.version(),
        r.moduleDirectory(),
        Boolean.toString(r.autoclean()),
        Boolean.toString(r.allowExec()),
        Path.of("").toAbsolutePath().toString());
  }

  static byte[] encode(List<ReadInputs.Observation> observations, ModutilsConfig c) {
    BinaryWriter w = new BinaryWriter();
    w.writeInt(observations.size());
    for (ReadInputs.Observation o : observations) {
      o.writeTo(w);
    }
    w.writeInt(c.paths.size());
    for (ModutilsConfig.PathEntry p : c.paths) {
      w.writeShared(p.tag()).writeString(p.directory());
    }
    w.writeSharedList(c.prune);
    for (Map<String, ModutilsConfig.Named> m : named(c)) {
      w.writeInt(m.size());
      for (ModutilsConfig.Named n : m.values()) {
        w.writeShared(n.name()).writeSharedList(n.words()).writeBoolean(n.autoclean());
      }
    }
    w.writeInt(c.hooks.size());
    for (ModutilsConfig.Hook h : c.hooks) {
      w.writeShared(h.kind().name()).writeShared(h.name()).writeString(h.command());
    }
    strings(w, c.generated);
    strings(w, c.environment);
    w.writeString(c.persistdir).writeBoolean(c.insmodOpt.isPresent());
    c.insmodOpt.ifPresent(w::writeString);
    w.writeSharedList(c.errors).writeSharedList(c.warnings);
    w.writeInt(c.problems.size());
    for (ModutilsConfig.Problem p : c.problems) {
      origin(w, p.origin());
      w.writeShared(p.severity().name()).writeShared(p.code()).writeString(p.message());
    }
    w.writeInt(c.origins.size());
    for (Map.Entry<String, Origin> e : c.origins.entrySet()) {
      w.writeString(e.getKey());
      origin(w, e.getValue());
    }
    w.writeInt(c.optionsReplaced.size());
    for (ModutilsConfig.OptionsReplaced o : c.optionsReplaced) {
      w.writeShared(o.name());
      origin(w, o.replaced());
      w.writeBoolean(o.add()).writeBoolean(o.noAutoclean()).writeSharedList(o.words());
      origin(w, o.by());
    }
    w.writeLong(c.newestConfigMillis).writeString(c.lastConfigFile);
    return w.toByteArray();
  }

  private static List<Map<String, ModutilsConfig.Named>> named(ModutilsConfig c) {
    return List.of(c.above, c.below, c.aliases, c.options, c.probes, c.probealls);
  }

  private static void strings(BinaryWriter w, Map<String, String> m) {
    w.writeInt(m.size());
    for (Map.Entry<String, String> e : m.entrySet()) {
      w.writeString(e.getKey()).writeString(e.getValue());
    }
  }

  private static void strings(BinaryReader r, Map<String, String> m) {
    m.clear();
    int n = r.readCount();
    for (int i = 0; i < n; i++) {
      m.put(r.readString(), r.readString());
    }
  }

  private static void origin(BinaryWriter w, Origin o) {
    w.writeShared(o.file()).writeInt(o.line());
  }

  private static Origin origin(BinaryReader r) {
    return new Origin(r.readShared(), r.readInt());
  }

  /** The stored configuration, if it still holds and reads back whole. */
  static Optional<ModutilsConfig> decode(ByteBuffer payload) {
    try {
      BinaryReader r = new BinaryReader(payload);
      int questions = r.readCount();
      for (int i = 0; i < questions; i++) {
        if (!ReadInputs.Observation.readFrom(r).holds()) {
          return Optional.empty();
        }
      }
      ModutilsConfig c = new ModutilsConfig();
      int paths = r.readCount();
      for (int i = 0; i < paths; i++) {
        c.paths.add(new ModutilsConfig.PathEntry(r.readShared(), r.readString()));
      }
      c.prune.addAll(r.readSharedList());
      for (Map<String, ModutilsConfig.Named> m : named(c)) {
        int n = r.readCount();
        for (int i = 0; i < n; i++) {
          String name = r.readShared();
          m.put(name, new ModutilsConfig.Named(name, r.readSharedList(), r.readBoolean()));
        }
      }
      int hooks = r.readCount();
      for (int i = 0; i < hooks; i++) {
        ModutilsConfig.HookKind kind = ModutilsConfig.HookKind.valueOf(r.readShared());
        c.hooks.add(new ModutilsConfig.Hook(kind, r.readShared(), r.readString()));
      }
      strings(r, c.generated);
      strings(r, c.environment);
      c.persistdir = r.readString();
      c.insmodOpt = r.readBoolean() ? Optional.of(r.readString()) : Optional.empty();
      c.errors.addAll(r.readSharedList());
      c.warnings.addAll(r.readSharedList());
      int problems = r.readCount();
      for (int i = 0; i < problems; i++) {
        Origin at = origin(r);
        Severity severity = Severity.valueOf(r.readShared());
        c.problems.add(new ModutilsConfig.Problem(at, severity, r.readShared(), r.readString()));
      }
      int origins = r.readCount();
      for (int i = 0; i < origins; i++) {
        c.origins.put(r.readString(), origin(r));
      }
      int replaced = r.readCount();
      for (int i = 0; i < replaced; i++) {
        String name = r.readShared();
        Origin at = origin(r);
        boolean add = r.readBoolean();
        boolean noAutoclean = r.readBoolean();
        List<String> words = r.readSharedList();
        c.optionsReplaced.add(
            new ModutilsConfig.OptionsReplaced(name, at, add, noAutoclean, words, origin(r)));
      }
      c.newestConfigMillis = r.readLong();
      c.lastConfigFile = r.readString();
      return r.atEnd() ? Optional.of(c) : Optional.empty();
    } catch (RuntimeException e) {
      // BinaryReader.CorruptEntryException, an unknown enum name, a record refusing a value
      return Optional.empty();
    }
  }

  /** For tests: the questions a reading asks, to show what an entry depends on. */
  static List<String> questions(ModulesConfReader.Request request) {
    ReadInputs.Recording inputs = new ReadInputs.Recording();
    new ModulesConfReader(request, inputs).read();
    List<String> out = new ArrayList<>();
    for (ReadInputs.Observation o : inputs.observations()) {
      out.add(o.kind() + " " + o.subject());
    }
    return out;
  }
}
