package dev.osint.queue;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * New task ids: random (version 4) UUIDs, 122 random bits each from the JDK's DRBG, as unguessable as
 * {@link UUID#randomUUID()}: a task id is a capability, whoever knows it may follow and cancel the task.
 * {@code randomUUID} draws from one shared SecureRandom, on whose lock every submission of a busy server waited;
 * here several generators, each seeded once from the system, serve a share of the threads.
 */
final class TaskIdSource {
    private static final SecureRandom[] GENERATORS = generators(Runtime.getRuntime().availableProcessors() * 4);
    private static final int MASK = GENERATORS.length - 1;

    private TaskIdSource() {}

    static String next() {
        byte[] bits = new byte[16];
        GENERATORS[(int) (Thread.currentThread().threadId() & MASK)].nextBytes(bits);
        bits[6] = (byte) ((bits[6] & 0x0f) | 0x40); // version 4: random
        bits[8] = (byte) ((bits[8] & 0x3f) | 0x80); // the IETF variant
        ByteBuffer both = ByteBuffer.wrap(bits);
        return new UUID(both.getLong(), both.getLong()).toString();
    }

    /** At least {@code wanted} generators, a power of two of them so that a thread's share is a mask away. */
    private static SecureRandom[] generators(int wanted) {
        SecureRandom[] generators = new SecureRandom[Integer.highestOneBit(Math.max(1, wanted - 1)) << 1];
        for (int i = 0; i < generators.length; i++) {
            try {
                generators[i] = SecureRandom.getInstance("DRBG"); // seeded from the system on first use
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK since 9 has the DRBG SecureRandom", e);
            }
        }
        return generators;
    }
}
