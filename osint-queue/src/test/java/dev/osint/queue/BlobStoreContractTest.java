package dev.osint.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every broker's store of uploaded files promises; each store's test is a subclass that makes a broker. */
public abstract class BlobStoreContractTest {
    /** Files expire after the result expiry, two seconds here. */
    private static final BrokerSettings SHORT = new BrokerSettings(Duration.ofSeconds(5), Duration.ofSeconds(2),
            Duration.ofSeconds(5));

    protected Broker broker;
    private BlobStore blobs;

    protected abstract Broker newBroker(BrokerSettings settings);

    @BeforeEach
    void createBroker() {
        broker = newBroker(SHORT);
        blobs = broker.blobs();
    }

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void aStoredFileIsReadBackByteForByte() {
        byte[] content = randomBytes(3 * 1024 * 1024 + 7); // every byte value, and more than one network buffer
        blobs.put("t1", content);
        assertThat(blobs.get("t1")).get().isEqualTo(content);
    }

    @Test
    void anEmptyFileIsStillAFile() {
        blobs.put("t1", new byte[0]);
        assertThat(blobs.get("t1")).get().isEqualTo(new byte[0]);
    }

    @Test
    void anUnknownTaskHasNoFile() {
        assertThat(blobs.get("no-such-task")).isEmpty();
        blobs.delete("no-such-task"); // nothing to delete is not an error
    }

    @Test
    void aDeletedFileIsGone() {
        blobs.put("t1", randomBytes(10));
        blobs.put("t2", randomBytes(20));
        blobs.delete("t1");
        assertThat(blobs.get("t1")).isEmpty();
        assertThat(blobs.get("t2")).get().isEqualTo(randomBytes(20));
    }

    @Test
    void aFileExpiresByItselfAfterTheResultExpiry() {
        blobs.put("t1", randomBytes(10));
        assertThat(blobs.get("t1")).isPresent();
        await().atMost(Duration.ofSeconds(6)).until(() -> blobs.get("t1").isEmpty());
    }

    @Test
    void theStoredCopyCannotBeChangedThroughTheCallersArray() {
        byte[] content = randomBytes(10);
        blobs.put("t1", content);
        content[0] ^= 1;
        assertThat(blobs.get("t1")).get().isEqualTo(randomBytes(10));
    }

    @Test
    void aFileIsSharedByEveryBrokerOnTheSameStore() {
        try (Broker other = newBrokerOnSameStore(SHORT)) {
            if (other == null) {
                return; // one process's memory has no second broker
            }
            other.blobs().put("t1", randomBytes(42));
            assertThat(blobs.get("t1")).get().isEqualTo(randomBytes(42));
        }
    }

    /** A second broker that shares this one's storage (another worker process), or null when there is none. */
    protected Broker newBrokerOnSameStore(BrokerSettings settings) {
        return null;
    }
}
