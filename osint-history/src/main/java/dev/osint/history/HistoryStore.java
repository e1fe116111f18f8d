package dev.osint.history;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where finished scans are kept. Writes are idempotent by task id, so a record delivered twice is stored once.
 * {@code HistoryStoreContractTest} states the behaviour every store keeps; a failure to reach the database is a
 * {@link HistoryUnavailableException}.
 */
public interface HistoryStore extends AutoCloseable {
    /** {@code sqlite} or {@code postgresql}. */
    String kind();

    /** Where the data lives, for health pages: a file, or host:port/database (never a password). */
    String location();

    /** Stores these records in one transaction; records whose task id is stored already are left as they are. */
    void write(List<HistoryRecord> records);

    Optional<HistoryRecord> find(String taskId);

    /** Scans matching the query, newest first. */
    Page<ScanSummary> search(HistoryQuery query);

    /** As {@link #search}, with whole records (for exports). */
    Page<HistoryRecord> searchRecords(HistoryQuery query);

    /** Every scan that produced this entity value, and when it was first and last seen. */
    EntityLookup entity(EntityQuery query);

    /** Entities whose value starts with {@code prefix} (case-insensitive), in value order. */
    List<EntitySummary> entitiesByPrefix(String kind, String prefix, String owner, int limit);

    /** The entities of each of these scans, as {@code kind:value} keys. */
    Map<String, Set<String>> entityKeys(Collection<String> taskIds);

    /** Deletes scans that finished before {@code cutoff}; answers how many. */
    long purgeBefore(Instant cutoff);

    /** Deletes every scan of this target (case-insensitive); answers how many. */
    long purgeTarget(String target);

    long count();

    /** True when the database answers. */
    boolean ping();

    @Override
    void close();
}
