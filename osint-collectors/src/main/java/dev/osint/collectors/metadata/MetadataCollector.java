package dev.osint.collectors.metadata;

import dev.osint.collectors.net.SsrfGuard;
import dev.osint.core.Collector;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.EntityKind;
import dev.osint.core.ScanContext;
import dev.osint.core.TargetKind;
import dev.osint.core.UpstreamSpec;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a photo, video or document reveals about where, when, on what and by whom it was made: read from a file
 * uploaded with the scan or fetched from a URL through the SSRF guard. The file is held in memory for the scan only.
 */
public final class MetadataCollector implements Collector {
    static final String TYPE = "metadata";
    /**
     * A file at a URL given as the target. {@value MetadataLimits#TIMEOUT_SETTING} and
     * {@value MetadataLimits#MAX_BYTES_SETTING} (which bounds uploads too) set its timeout and size cap; the
     * declared ones are their defaults.
     */
    static final UpstreamSpec FILE_URL = UpstreamSpec.userChosen("file_url", "Files at URLs given as targets")
            .timeout(MetadataLimits.DEFAULTS.fetchTimeout()).maxBodyBytes(MetadataLimits.DEFAULT_MAX_BYTES)
            .followRedirects(SsrfGuard.MAX_REDIRECTS);

    private static final CollectorSpec SPEC = CollectorSpec.builder(TYPE, "MetadataCollector")
            .description("GPS position, device, software, times, author and editor, and the emails, usernames and"
                    + " URLs in the metadata of a photo, video or document (JPEG, PNG, TIFF, WebP, HEIC, GIF, MP4,"
                    + " MOV, PDF, docx, xlsx, pptx, ODF), from a URL or an upload (POST /api/v1/scan/upload)")
            .accepts(TargetKind.URL, TargetKind.FILE)
            .produces(EntityKind.LOCATION, EntityKind.DEVICE, EntityKind.PERSON, EntityKind.ORGANIZATION,
                    EntityKind.EMAIL, EntityKind.USERNAME, EntityKind.URL, EntityKind.HASH)
            .upstreams(FILE_URL)
            .build();

    @Override
    public CollectorSpec spec() {
        return SPEC;
    }

    @Override
    public CollectorOutput collect(ScanContext context) throws Exception {
        MetadataLimits limits;
        try {
            limits = MetadataLimits.from(context.settings());
        } catch (IllegalArgumentException e) {
            throw new CollectorException(e.getMessage());
        }
        Map<String, Object> source = new LinkedHashMap<>();
        byte[] bytes;
        if (context.target().kind() == TargetKind.FILE) {
            bytes = context.uploadedFile().orElseThrow(() -> new CollectorException("the uploaded file is no longer"
                    + " stored: it expired (OSINT_RESULT_EXPIRES) before a worker ran the scan; upload it again"));
            source.put("name", context.target().value());
            source.put("uploaded", true);
        } else {
            URI url = URI.create(context.target().value());
            context.progress(0.1, "fetching " + url.getHost());
            GuardedDownload.Downloaded download = new GuardedDownload(SsrfGuard.fromSettings(context.settings()))
                    .fetch(context, url, limits);
            bytes = download.body();
            source.put("url", context.target().value());
            if (!download.url().equals(url)) {
                source.put("final_url", download.url().toString());
            }
            source.put("declared_type", download.declaredType());
        }
        context.checkCancelled();
        context.progress(0.6, "reading the metadata of " + bytes.length + " bytes");
        MetadataReport report = new MetadataExtractor(limits).extract(bytes);
        context.progress(1.0, report.revealsAnything() ? "metadata read" : "no revealing metadata");
        return CollectorOutput.found(report.data(source), report.entities(TYPE));
    }
}
