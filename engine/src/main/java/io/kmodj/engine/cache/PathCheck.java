package io.kmodj.engine.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A cheap test that files and directories are still as they were: one {@code stat} of each path,
 * taken before what depends on them was read or checked, and compared with a new {@code stat} of
 * each later. A stat says a path's size, inode and change time ({@code ctime}, which every write,
 * {@code chmod} and {@code touch -d} moves, and which a program cannot set back; a file renamed
 * into place has a new inode); a directory's change when an entry is added, removed or renamed.
 *
 * <p>Timestamps come from a clock that ticks coarsely (a file system keeps the kernel's tick, a few
 * milliseconds), so a file written again within the tick of the stat, at the same size, would look
 * unchanged: git's "racily clean" problem. As git does, a check whose paths changed less than
 * {@link #SETTLE_MILLIS} before it was taken is not {@link #settled()}: it never vouches for the
 * paths, and whoever keeps it checks the content the long way (and takes a new check) until the
 * paths have been left alone for that long. A path that cannot be stat'ed the "unix" way (another
 * file system provider) is never settled either.
 *
 * <p>Immutable and thread-safe.
 */
public final class PathCheck {
  /**
   * How long a path must have been left alone before a check vouches for it: far more than a file
   * system's timestamp tick and than the skew of a well-kept clock.
   */
  public static final long SETTLE_MILLIS = 1000;

  /** A check of nothing that never vouches: what is kept with it is always checked in full. */
  public static final PathCheck NEVER = new PathCheck(List.of(), List.of(), false);

  // the change time moves with every change to the content or the inode (a write, a chmod, a new
  // modification time), so it stands for the modification time and mode too
  private static final String ATTRIBUTES = "unix:size,ino,ctime";

  private final List<Path> paths;
  private final List<Stat> stats;
  private final boolean settled;

  /** What one stat said; a missing path has a stat of its own ({@link #MISSING}). */
  private record Stat(long size, long ino, long ctimeNanos) {
    static final Stat MISSING = new Stat(-1, -1, 0);
    static final Stat UNKNOWN = new Stat(-2, -2, 0);
  }

  private PathCheck(List<Path> paths, List<Stat> stats, boolean settled) {
    this.paths = paths;
    this.stats = stats;
    this.settled = settled;
  }

  /**
   * Stats each path (in the order given, each once) now.
   *
   * @param paths files or directories, existing or not
   * @return the check
   */
  public static PathCheck take(Collection<Path> paths) {
    List<Path> unique = List.copyOf(new LinkedHashSet<>(paths));
    long now = System.currentTimeMillis();
    long settledBefore = (now - SETTLE_MILLIS) * 1_000_000L;
    boolean settled = true;
    List<Stat> stats = new ArrayList<>(unique.size());
    for (Path p : unique) {
      Stat s = stat(p);
      stats.add(s);
      if (s.equals(Stat.UNKNOWN) || s.ctimeNanos() >= settledBefore) {
        settled = false;
      }
    }
    return new PathCheck(unique, List.copyOf(stats), settled);
  }

  /** The paths checked, each once. */
  public List<Path> paths() {
    return paths;
  }

  /** Whether every path had been left alone long enough before the check for it to vouch. */
  public boolean settled() {
    return settled;
  }

  /**
   * Whether this check vouches that every path is as it was when it was taken: it is settled and a
   * new stat of each path says the same.
   *
   * @return true when nothing changed; false when something did, or this check cannot tell
   */
  public boolean unchanged() {
    if (!settled) {
      return false;
    }
    for (int i = 0; i < paths.size(); i++) {
      if (!stat(paths.get(i)).equals(stats.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static Stat stat(Path p) {
    try {
      Map<String, Object> a = Files.readAttributes(p, ATTRIBUTES);
      return new Stat((Long) a.get("size"), (Long) a.get("ino"), nanos(a.get("ctime")));
    } catch (NoSuchFileException e) {
      return Stat.MISSING;
    } catch (IOException | RuntimeException e) {
      // unreadable, or no "unix" view: nothing this check can vouch for
      return Stat.UNKNOWN;
    }
  }

  private static long nanos(Object time) {
    return ((FileTime) Objects.requireNonNull(time)).to(java.util.concurrent.TimeUnit.NANOSECONDS);
  }
}
