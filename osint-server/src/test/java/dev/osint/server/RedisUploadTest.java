package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.metadata.MetadataCollector;
import dev.osint.core.CollectorRegistry;
import dev.osint.core.Settings;
import dev.osint.queue.Broker;
import dev.osint.queue.Brokers;
import dev.osint.queue.worker.ScanEnvironment;
import dev.osint.queue.worker.Worker;
import dev.osint.queue.worker.WorkerSettings;
import dev.osint.queue.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An upload in Redis mode, end to end: the API (with {@code REDIS_URL}) keeps the file in Redis, a worker on a broker
 * of its own (as in another process) reads it from there and runs the scan, and the file is gone once the task ends.
 */
class RedisUploadTest {
    @RegisterExtension
    static final TestRedis redis = new TestRedis();

    private ApiFixture api;
    private Broker workerBroker;
    private Worker worker;
    private RedisClient client;

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.close();
        }
        if (workerBroker != null) {
            workerBroker.close();
        }
        if (api != null) {
            api.close();
        }
        if (client != null) {
            client.shutdown();
        }
    }

    @Test
    void anUploadIsKeptInRedisReadByAWorkerOnAnotherBrokerAndDeletedWhenItsTaskEnds() throws Exception {
        Map<String, String> values = Map.of("REDIS_URL", TestRedis.url(), "OSINT_REDIS_PREFIX", redis.prefix());
        Settings settings = new Settings(values);
        api = anApi().with(new MetadataCollector()).withSettings(values)
                .onBroker(brokerSettings -> Brokers.open(settings)).start();
        client = RedisClient.create(TestRedis.url());
        StatefulRedisConnection<String, byte[]> raw = client.connect(RedisCodec.of(StringCodec.UTF8,
                ByteArrayCodec.INSTANCE));

        // every byte value after the document, so a file that went through a text codec would not come out equal
        byte[] document = UploadApiTest.docx("Alice Martin");
        byte[] file = new byte[document.length + 256];
        System.arraycopy(document, 0, file, 0, document.length);
        for (int b = 0; b < 256; b++) {
            file[document.length + b] = (byte) b;
        }
        HttpResponse<String> accepted = api.send(HttpRequest.newBuilder(api.uri("/api/v1/scan/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + UploadApiTest.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(UploadApiTest.multipart("budget.docx", file, "type",
                        "metadata"))));
        assertThat(accepted.statusCode()).isEqualTo(200);
        String id = json(accepted).path("task_id").asText();

        List<String> keys = raw.sync().keys("*upload:" + id);
        assertThat(keys).as("the file is stored in Redis under the task's id").hasSize(1);
        assertThat(raw.sync().get(keys.get(0))).isEqualTo(file);
        assertThat(raw.sync().pttl(keys.get(0))).as("the file expires by itself").isPositive();

        workerBroker = Brokers.open(settings);
        worker = new Worker(workerBroker, new CollectorRegistry(List.of(new MetadataCollector())),
                WorkerSettings.from(settings).withName("other-process").withConcurrency(2),
                ScanEnvironment.from(settings, Brokers.rateLimiterFor(workerBroker)), Duration.ofSeconds(10)).start();
        JsonNode done = await().atMost(Duration.ofSeconds(30)).until(() -> json(api.get("/api/v1/scan/" + id)),
                status -> status.path("status").asText().equals("SUCCESS"));
        assertThat(done.path("result").path("data").path("author").asText()).isEqualTo("Alice Martin");
        assertThat(done.path("result").path("data").path("file").path("size").asLong()).isEqualTo(file.length);
        await().atMost(Duration.ofSeconds(10)).until(() -> raw.sync().exists(keys.get(0)) == 0);
        assertThat(api.broker.blobs().get(id)).isEmpty();
    }
}
