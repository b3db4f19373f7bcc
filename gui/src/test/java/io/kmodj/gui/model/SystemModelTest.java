package io.kmodj.gui.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmodj.engine.config.ConfigOverlay;
import io.kmodj.engine.system.SystemSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model loads off the calling thread, publishes on its "FX" executor (a single thread here),
 * reloads after buffer changes once they are quiet, and drops stale results.
 */
class SystemModelTest {
  @TempDir Path dir;
  private final ExecutorService fx = Executors.newSingleThreadExecutor();
  private SystemModel model;

  @AfterEach
  void close() {
    if (model != null) {
      model.close();
    }
    fx.shutdownNow();
  }

  private <T> T onFx(Callable<T> read) throws Exception {
    return fx.submit(read).get(10, TimeUnit.SECONDS);
  }

  private void awaitLoaded() throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (onFx(() -> model.loadingProperty().get())) {
      assertThat(System.nanoTime()).as("loading ends").isLessThan(end);
      Thread.sleep(10);
    }
  }

  private Path modutilsSample() throws IOException {
    Path root = dir.resolve("root");
    Path modules = Files.createDirectories(root.resolve("lib/modules/2.4.27/kernel"));
    Files.writeString(modules.resolve("../modules.dep"), "/lib/modules/2.4.27/kernel/ne.o:\n\n");
    Path conf = Files.createDirectories(root.resolve("etc")).resolve("modules.conf");
    Files.writeString(conf, "alias eth0 ne\n");
    return conf;
  }

  private SystemSpec spec(Path conf) {
    return new SystemSpec(
        Optional.of(dir.resolve("root").toString()),
        Optional.of("2.4.27"),
        List.of(conf.toString()),
        Optional.empty());
  }

  @Test
  void loadsARealModutilsSystemAndAnEditReloadsItWithTheUnsavedText() throws Exception {
    Path conf = modutilsSample();
    model = new SystemModel(fx, LoadedSystem::load, Duration.ofMillis(20));
    model.load(spec(conf));
    awaitLoaded();

    LoadedSystem first = onFx(() -> model.system().orElseThrow());
    assertThat(first.modutils()).isPresent();
    assertThat(first.config().aliases())
        .anySatisfy(a -> assertThat(a.name() + "=" + a.module()).isEqualTo("eth0=ne"));

    model.bufferChanged(conf, "alias eth0 tulip\n".getBytes(UTF_8));
    awaitLoaded();
    LoadedSystem edited = onFx(() -> model.system().orElseThrow());
    assertThat(edited.overlay().covers(conf)).isTrue();
    assertThat(edited.config().aliases())
        .anySatisfy(a -> assertThat(a.name() + "=" + a.module()).isEqualTo("eth0=tulip"));
    assertThat(onFx(() -> model.statusProperty().get())).contains("unsaved");
    // nothing was written
    assertThat(Files.readString(conf)).isEqualTo("alias eth0 ne\n");

    model.bufferSaved(conf);
    awaitLoaded();
    assertThat(onFx(() -> model.system().orElseThrow().overlay().isEmpty())).isTrue();
  }

  @Test
  void loadingNeverRunsOnTheCallersOrTheFxThread() throws Exception {
    Path conf = modutilsSample();
    List<String> threads = new CopyOnWriteArrayList<>();
    model =
        new SystemModel(
            fx,
            (s, o) -> {
              threads.add(Thread.currentThread().getName());
              return LoadedSystem.load(s, o);
            },
            Duration.ZERO);
    model.load(spec(conf));
    awaitLoaded();
    assertThat(threads).containsExactly("kmodj-model");
  }

  @Test
  void quickEditsLoadOnceAfterTheQuietTime() throws Exception {
    Path conf = modutilsSample();
    AtomicInteger loads = new AtomicInteger();
    List<ConfigOverlay> seen = new CopyOnWriteArrayList<>();
    model =
        new SystemModel(
            fx,
            (s, o) -> {
              loads.incrementAndGet();
              seen.add(o);
              return LoadedSystem.load(s, o);
            },
            Duration.ofMillis(200));
    model.load(spec(conf));
    awaitLoaded();
    loads.set(0);
    seen.clear();

    for (int i = 0; i < 5; i++) {
      model.bufferChanged(conf, ("alias eth0 x" + i + "\n").getBytes(UTF_8));
    }
    awaitLoaded();

    assertThat(loads).hasValue(1);
    assertThat(seen.get(0).content(conf).map(b -> new String(b, UTF_8)))
        .hasValue("alias eth0 x4\n");
  }

  @Test
  void aResultOvertakenByANewerRequestIsDropped() throws Exception {
    Path conf = modutilsSample();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    model =
        new SystemModel(
            fx,
            (s, o) -> {
              if (o.isEmpty()) {
                // the first load is slow; a newer request comes in while it runs
                started.countDown();
                try {
                  assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IOException(e);
                }
              }
              return LoadedSystem.load(s, o);
            },
            Duration.ZERO);
    List<Boolean> published = new CopyOnWriteArrayList<>();
    onFx(
        () -> {
          model
              .systemProperty()
              .addListener((o, was, now) -> published.add(now.overlay().isEmpty()));
          return null;
        });
    model.load(spec(conf));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    model.bufferChanged(conf, "alias eth0 tulip\n".getBytes(UTF_8));
    release.countDown();
    awaitLoaded();
    Thread.sleep(50);

    // only the newer result, read with the overlay, was ever published
    assertThat(onFx(() -> List.copyOf(published))).containsExactly(false);
  }

  @Test
  void aFailedLoadSaysWhyAndKeepsTheLastGoodSystem() throws Exception {
    Path conf = modutilsSample();
    model = new SystemModel(fx, LoadedSystem::load, Duration.ZERO);
    model.load(spec(conf));
    awaitLoaded();
    LoadedSystem good = onFx(() -> model.system().orElseThrow());

    Files.delete(dir.resolve("root/lib/modules/2.4.27/modules.dep"));
    model.reload();
    awaitLoaded();

    assertThat(onFx(() -> model.errorProperty().get())).contains("modules.dep");
    assertThat(onFx(() -> model.statusProperty().get())).startsWith("Cannot load");
    assertThat(onFx(() -> model.system().orElseThrow())).isSameAs(good);
  }
}
