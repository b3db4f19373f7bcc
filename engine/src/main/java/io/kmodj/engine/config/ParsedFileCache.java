package io.kmodj.engine.config;

import io.kmodj.engine.cache.BinaryReader;
import io.kmodj.engine.cache.BinaryWriter;
import io.kmodj.engine.cache.CacheStore;
import io.kmodj.engine.cache.FileStamp;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one modprobe.d file gives (its entries and messages, in reading order), kept in a {@link
 * CacheStore} so that a later run reads arrays instead of parsing the text again. An entry is keyed
 * by the name the file is reported under and checked against the size and CRC-32C of the bytes just
 * read, which are all {@link ModprobeDFrontEnd#readFile} depends on: any change to the file is a
 * miss, and the file is parsed and the entry written anew.
 */
final class ParsedFileCache {
  private static final String KIND = "modprobe.d";

  private static final int ALIAS = 0;
  private static final int OPTIONS = 1;
  private static final int INSTALL = 2;
  private static final int REMOVE = 3;
  private static final int BLACKLIST = 4;
  private static final int SOFTDEP = 5;
  private static final int MESSAGE = 6;

  private final CacheStore store;

  ParsedFileCache(CacheStore store) {
    this.store = Objects.requireNonNull(store);
  }

  /**
   * Adds what a file gives to a builder, from the cache when it holds this content, else by parsing
   * it (and storing the result).
   *
   * @param shownAs the name the file is reported under
   * @param content the bytes read and their stamp
   * @param text the bytes as text
   * @param b where entries and messages go
   */
  void read(String shownAs, FileStamp.Content content, String text, ModuleConfig.Builder b) {
    FileStamp stamp = content.stamp();
    Optional<ByteBuffer> hit = store.read(KIND, shownAs);
    if (hit.isPresent()) {
      Optional<List<Object>> events = decode(hit.get(), stamp);
      if (events.isPresent()) {
        replay(events.get(), b);
        return;
      }
    }
    ModuleConfig.Builder one = new ModuleConfig.Builder();
    ModprobeDFrontEnd.readFile(shownAs, text, one);
    List<Object> events = events(one.build());
    store.write(KIND, shownAs, encode(stamp, events));
    replay(events, b);
  }

  /**
   * Adds a file's entries and messages to a builder. The builder keeps each kind in its own list,
   * so adding kind by kind gives what adding them in reading order gives.
   */
  private static void replay(List<Object> events, ModuleConfig.Builder b) {
    for (Object e : events) {
      if (e instanceof ConfigMessage m) {
        b.message(m);
      } else {
        b.add((ConfigEntry) e);
      }
    }
  }

  /** What one file gives, kind by kind, messages last. */
  private static List<Object> events(ModuleConfig c) {
    List<Object> events = new ArrayList<>();
    events.addAll(c.aliases());
    events.addAll(c.options());
    events.addAll(c.installs());
    events.addAll(c.removes());
    events.addAll(c.blacklist());
    events.addAll(c.softdeps());
    events.addAll(c.messages());
    return events;
  }

  static byte[] encode(FileStamp stamp, List<Object> events) {
    BinaryWriter w = new BinaryWriter();
    w.writeLong(stamp.size()).writeInt(stamp.crc()).writeInt(events.size());
    for (Object e : events) {
      if (e instanceof ConfigMessage m) {
        w.writeByte(MESSAGE);
        origin(w, m.origin());
        w.writeShared(m.code()).writeString(m.text());
      } else if (e instanceof ConfigEntry.Alias a) {
        w.writeByte(ALIAS).writeString(a.name()).writeShared(a.module());
        origin(w, a.origin());
      } else if (e instanceof ConfigEntry.Options o) {
        w.writeByte(OPTIONS).writeShared(o.name()).writeString(o.options());
        origin(w, o.origin());
      } else if (e instanceof ConfigEntry.Install i) {
        w.writeByte(INSTALL).writeShared(i.name()).writeString(i.command());
        origin(w, i.origin());
      } else if (e instanceof ConfigEntry.Remove r) {
        w.writeByte(REMOVE).writeShared(r.name()).writeString(r.command());
        origin(w, r.origin());
      } else if (e instanceof ConfigEntry.Blacklist bl) {
        w.writeByte(BLACKLIST).writeShared(bl.name());
        origin(w, bl.origin());
      } else if (e instanceof ConfigEntry.Softdep s) {
        w.writeByte(SOFTDEP).writeShared(s.name());
        w.writeSharedList(s.pre()).writeSharedList(s.post()).writeString(s.shown());
        origin(w, s.origin());
      }
    }
    return w.toByteArray();
  }

  private static void origin(BinaryWriter w, Origin o) {
    w.writeShared(o.file()).writeInt(o.line());
  }

  private static Origin origin(BinaryReader r) {
    return new Origin(r.readShared(), r.readInt());
  }

  /** The events of an entry, or empty if it was written for other bytes or does not read. */
  static Optional<List<Object>> decode(ByteBuffer payload, FileStamp stamp) {
    try {
      BinaryReader r = new BinaryReader(payload);
      if (r.readLong() != stamp.size() || r.readInt() != stamp.crc()) {
        return Optional.empty();
      }
      int n = r.readCount();
      List<Object> events = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int tag = r.readByte();
        events.add(
            switch (tag) {
              case MESSAGE -> {
                Origin at = origin(r);
                yield new ConfigMessage(at, r.readShared(), r.readString());
              }
              case ALIAS -> new ConfigEntry.Alias(r.readString(), r.readShared(), origin(r));
              case OPTIONS -> new ConfigEntry.Options(r.readShared(), r.readString(), origin(r));
              case INSTALL -> new ConfigEntry.Install(r.readShared(), r.readString(), origin(r));
              case REMOVE -> new ConfigEntry.Remove(r.readShared(), r.readString(), origin(r));
              case BLACKLIST -> new ConfigEntry.Blacklist(r.readShared(), origin(r));
              case SOFTDEP -> {
                String name = r.readShared();
                List<String> pre = r.readSharedList();
                List<String> post = r.readSharedList();
                yield new ConfigEntry.Softdep(name, pre, post, r.readString(), origin(r));
              }
              default -> throw new IllegalArgumentException("unknown entry tag " + tag);
            });
      }
      return r.atEnd() ? Optional.of(events) : Optional.empty();
    } catch (RuntimeException e) {
      // BinaryReader.CorruptEntryException, or a record refusing what it read
      return Optional.empty();
    }
  }
}
