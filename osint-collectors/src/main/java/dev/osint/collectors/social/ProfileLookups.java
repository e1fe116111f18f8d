package dev.osint.collectors.social;

import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.ScanContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The profiles, misses and errors of one scan, and the result they make: one platform's error is recorded
 * against it alone; only when every platform failed does the scan fail (retryably if any failure was).
 */
final class ProfileLookups {
    private final List<Profile> profiles = new ArrayList<>();
    private final List<String> notFound = new ArrayList<>();
    private final Map<String, String> errors = new LinkedHashMap<>();
    private boolean anyRetryable;
    private int asked;

    /** Asks every platform at once, each on its own virtual thread; a cancelled scan stops them all. */
    static ProfileLookups run(ScanContext context, List<Platforms.Lookup> lookups) throws InterruptedException {
        ProfileLookups results = new ProfileLookups();
        context.progress(0.05, "asking " + lookups.size() + " platforms");
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<Optional<Profile>>> pending = new ArrayList<>();
            for (Platforms.Lookup lookup : lookups) {
                pending.add(executor.submit(() -> lookup.source().lookup(context, lookup.handle())));
            }
            for (int i = 0; i < lookups.size(); i++) {
                context.checkCancelled();
                String platform = lookups.get(i).source().platform();
                try {
                    pending.get(i).get().ifPresentOrElse(results::found, () -> results.notFound(platform));
                } catch (ExecutionException e) {
                    results.failed(platform, e.getCause());
                }
                context.progress(0.05 + 0.9 * (i + 1) / lookups.size(), platform + " done");
            }
        } finally {
            executor.shutdownNow();
        }
        context.progress(1.0, results.profiles.size() + " profiles found");
        return results;
    }

    void found(Profile profile) {
        asked++;
        profiles.add(profile);
    }

    void notFound(String platform) {
        asked++;
        notFound.add(platform);
    }

    void failed(String platform, Throwable error) {
        asked++;
        anyRetryable |= error instanceof RetryableCollectorException;
        // a CollectorException's text is written for people (and has keys masked); anything else is a bug here
        errors.put(platform, error instanceof CollectorException ? error.getMessage()
                : "internal error (" + error.getClass().getSimpleName() + ")");
    }

    /** The scan's result; {@code what} names the target in the "nothing found" reason. */
    CollectorOutput output(String what) {
        if (!errors.isEmpty() && errors.size() == asked) {
            String message = "every platform failed: " + String.join("; ", errors.values());
            throw anyRetryable ? new RetryableCollectorException(message) : new CollectorException(message);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("profiles", profiles.stream().map(Profile::toMap).toList());
        data.put("not_found", List.copyOf(notFound));
        data.put("errors", Map.copyOf(errors));
        if (profiles.isEmpty()) {
            return CollectorOutput.notFound("no profile found for " + what, data);
        }
        return CollectorOutput.found(data, entities());
    }

    private List<Entity> entities() {
        Map<String, Entity> byKey = new LinkedHashMap<>();
        for (Profile profile : profiles) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("platform", profile.platform());
            if (profile.username() != null) {
                attributes.put("username", profile.username());
            }
            if (profile.displayName() != null) {
                attributes.put("display_name", profile.displayName());
            }
            add(byKey, Entity.of(EntityKind.ACCOUNT, profile.url(), SocialCollector.TYPE, attributes));
            Map<String, Object> from = Map.of("platform", profile.platform(), "profile", profile.url());
            for (String link : profile.links()) {
                add(byKey, Entity.of(EntityKind.URL, link, SocialCollector.TYPE, from));
            }
            if (profile.location() != null) {
                add(byKey, Entity.of(EntityKind.LOCATION, profile.location(), SocialCollector.TYPE, from));
            }
            if (profile.email() != null) {
                add(byKey, Entity.of(EntityKind.EMAIL, profile.email(), SocialCollector.TYPE, from));
            }
        }
        return new ArrayList<>(byKey.values());
    }

    private static void add(Map<String, Entity> byKey, Entity entity) {
        if (entity.value() != null && !entity.value().isBlank()) {
            byKey.putIfAbsent(entity.kind() + " " + entity.value(), entity);
        }
    }
}
