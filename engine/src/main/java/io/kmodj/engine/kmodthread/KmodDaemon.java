package io.kmodj.engine.kmodthread;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.kmodj.engine.kernel.Errno;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The daemon: a kmod thread serving {@code request} from other processes over a UNIX-domain socket
 * in the state directory (one line {@code request KIND NAME}, answered by one line with 0 or a
 * negative errno), and the autoclean step run on a crontab schedule, kmod.txt's {@code 0-59/5 * * *
 * *} by default. No SysV IPC, no kerneld-style middle man: the kmod thread runs modprobe itself.
 */
public final class KmodDaemon implements AutoCloseable {
  /** The socket's file name in the state directory. */
  public static final String SOCKET = "kmodj.sock";

  /** kmod.txt's crontab line: every five minutes. */
  public static final String DEFAULT_SCHEDULE = "0-59/5 * * * *";

  private static final int CONNECTION_WORKERS = 8;

  private final KmodThread kmod;
  private final RequestKind modules;
  private final Runnable autoclean;
  private final ExecutionTime schedule;
  private final Path socket;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final ExecutorService connections;
  private final ServerSocketChannel server;
  private final Thread acceptor;

  /**
   * Starts serving.
   *
   * @param kmod the kmod thread
   * @param modules the modules request kind
   * @param autoclean one {@code rmmod -a} step
   * @param cron the autoclean schedule, crontab syntax
   * @param socket the socket's path
   * @param clock the clock the schedule follows
   * @throws IOException if the socket cannot be bound
   * @throws IllegalArgumentException if the schedule is not a crontab expression
   */
  public KmodDaemon(
      KmodThread kmod,
      RequestKind modules,
      Runnable autoclean,
      String cron,
      Path socket,
      Clock clock)
      throws IOException {
    this.kmod = Objects.requireNonNull(kmod);
    this.modules = Objects.requireNonNull(modules);
    this.autoclean = Objects.requireNonNull(autoclean);
    this.schedule = ExecutionTime.forCron(parse(cron));
    this.socket = socket;
    this.clock = Objects.requireNonNull(clock);
    if (request(socket, "").isPresent()) {
      throw new IOException("a daemon already serves " + socket);
    }
    Files.deleteIfExists(socket);
    this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    this.connections =
        Executors.newFixedThreadPool(CONNECTION_WORKERS, daemonThreads("kmodj-conn"));
    this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("kmodj-autoclean"));
    this.acceptor = new Thread(this::accept, "kmodj-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    scheduleNext();
  }

  /**
   * Parses a crontab expression (five fields, as in root's crontab).
   *
   * @param cron the expression
   * @return it, validated
   */
  public static Cron parse(String cron) {
    return new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX))
        .parse(cron)
        .validate();
  }

  /**
   * When a schedule next fires after a moment.
   *
   * @param cron the expression
   * @param after the moment
   * @return the next time, if any
   */
  public static Optional<ZonedDateTime> next(String cron, ZonedDateTime after) {
    return ExecutionTime.forCron(parse(cron)).nextExecution(after);
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private void scheduleNext() {
    ZonedDateTime now = ZonedDateTime.now(clock);
    Optional<ZonedDateTime> next = schedule.nextExecution(now);
    if (next.isEmpty() || timer.isShutdown()) {
      return;
    }
    long delay = Math.max(0, Duration.between(now, next.get()).toMillis());
    var unused =
        timer.schedule(
            () -> {
              try {
                autoclean.run();
              } finally {
                scheduleNext();
              }
            },
            delay,
            TimeUnit.MILLISECONDS);
  }

  private void accept() {
    while (server.isOpen()) {
      try {
        SocketChannel ch = server.accept();
        connections.execute(() -> serve(ch));
      } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
        return;
      }
    }
  }

  private void serve(SocketChannel ch) {
    try (ch;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
        OutputStream out = Channels.newOutputStream(ch)) {
      String line = in.readLine();
      int answer;
      if (line == null || !line.startsWith("request ")) {
        answer = -Errno.EINVAL;
      } else {
        String[] f = line.split(" ", 3);
        if (f.length == 3 && f[1].equals(modules.name())) {
          answer = kmod.request(modules, f[2]);
        } else if (f.length == 2 && f[1].equals("ping")) {
          answer = 0;
        } else {
          answer = -Errno.EINVAL;
        }
      }
      out.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the client went away; nothing to answer
      return;
    }
  }

  /**
   * Asks the daemon serving a socket for a module; an empty name only checks that one answers.
   *
   * @param socket the daemon's socket
   * @param name the requested name
   * @return its answer, or empty when no daemon answers there
   */
  public static OptionalInt request(Path socket, String name) {
    if (!Files.exists(socket)) {
      return OptionalInt.empty();
    }
    try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8))) {
      String line = name.isEmpty() ? "request ping\n" : "request modules " + name + "\n";
      Channels.newOutputStream(ch).write(line.getBytes(StandardCharsets.UTF_8));
      String answer = in.readLine();
      return answer == null
          ? OptionalInt.empty()
          : OptionalInt.of(Integer.parseInt(answer.strip()));
    } catch (IOException | NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  /** The socket served. */
  public Path socket() {
    return socket;
  }

  /** Stops serving: the socket is closed and removed, the schedule and the kmod thread stop. */
  @Override
  public void close() throws IOException {
    server.close();
    timer.shutdownNow();
    connections.shutdownNow();
    kmod.close();
    Files.deleteIfExists(socket);
  }
}
