package dev.memebattle.monitoring;

import dev.memebattle.TestData;
import dev.memebattle.caption.CaptionWriter;
import dev.memebattle.caption.ExampleCaptionWriter;
import dev.memebattle.cli.BotComponents;
import dev.memebattle.config.EngineConfig;
import dev.memebattle.config.MetricsConfig;
import dev.memebattle.config.StoreConfig;
import dev.memebattle.engine.MemeRequest;
import dev.memebattle.engine.MemeText;
import dev.memebattle.store.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /healthz and /readyz as an orchestrator sees them: a process whose meme workers are all stuck is
 * not alive; a process whose database is unreachable is not ready, and is again once it is back.
 */
class HealthEndpointTest {


    @TempDir
    Path temp;

    @Test
    void healthzFailsWhileEveryMemeWorkerIsStuckAndRecoversWhenTheyMove() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ExampleCaptionWriter example = new ExampleCaptionWriter();
        CaptionWriter stuck = (template, prefix, seed, filter) -> {
            try {
                release.await(); // the test's hook: a caption that never comes, as a hung model would
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return example.write(template, prefix, seed, filter);
        };
        int port = Scrape.freePort();
        // one worker, a 1 s request timeout: stuck means busy on one meme for over 2 s
        try (BotComponents core = BotComponents.create(TestData.config().withEngine(new EngineConfig(1, 4, 0, 1))
                .withMetrics(new MetricsConfig(port, "127.0.0.1")), stuck);
             MonitoringServer monitoring = core.startMonitoring().orElseThrow()) {
            assertThat(Scrape.get(port, "/healthz").status()).isEqualTo(200);
            var doge = core.catalog().byKey("doge").orElseThrow();
            core.memes().submit(MemeRequest.of(doge, new MemeText.Ai("wow"), 1));

            Scrape.Answer wedged = Scrape.await(port, "/healthz", a -> a.status() == 503);
            assertThat(wedged).isEqualTo(new Scrape.Answer(503, "wedged: no meme worker moves\n"));
            assertThat(Scrape.get(port, "/readyz").status()).as("readiness is another question").isEqualTo(200);

            release.countDown();
            assertThat(Scrape.await(port, "/healthz", a -> a.status() == 200).status()).isEqualTo(200);
        } finally {
            release.countDown();
        }
    }

    @Test
    void readyzIsUnreadyWhileThePostgresDatabaseIsUnreachable() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, temp)) {
            Matcher hostPort = Pattern.compile("//([^/:]+):(\\d+)/").matcher(db.url());
            assertThat(hostPort.find()).as(db.url()).isTrue();
            try (TcpProxy proxy = new TcpProxy(hostPort.group(1), Integer.parseInt(hostPort.group(2)))) {
                String viaProxy = db.url().replace("//" + hostPort.group(1) + ":" + hostPort.group(2) + "/",
                        "//127.0.0.1:" + proxy.port() + "/");
                int port = Scrape.freePort();
                try (BotComponents core = BotComponents.create(TestData.config().withStore(StoreConfig.of(viaProxy))
                        .withMetrics(new MetricsConfig(port, "127.0.0.1")), new ExampleCaptionWriter());
                     MonitoringServer monitoring = core.startMonitoring().orElseThrow()) {
                    assertThat(Scrape.get(port, "/readyz")).isEqualTo(new Scrape.Answer(200, "database ok\ntemplates ok\n"));

                    proxy.cut();
                    Scrape.Answer down = Scrape.await(port, "/readyz", a -> a.status() == 503);
                    assertThat(down).isEqualTo(new Scrape.Answer(503, "database not ready\ntemplates ok\n"));
                    assertThat(Scrape.get(port, "/healthz").status()).as("alive all the same: a restart would not help")
                            .isEqualTo(200);

                    proxy.restore();
                    assertThat(Scrape.await(port, "/readyz", a -> a.status() == 200).status()).isEqualTo(200);
                }
            }
        }
    }
}
