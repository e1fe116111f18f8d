package dev.osint.collectors.username;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The README and docs/collectors/username.md count the sites the jar really ships. */
class CatalogueCountsDocTest {
    private static final NumberFormat COUNT = NumberFormat.getIntegerInstance(Locale.US);

    private final int sherlock = BundledCatalogue.of(List.of("sherlock")).sites().size();
    private final int maigret = BundledCatalogue.of(List.of("maigret")).sites().size();
    private final int both = BundledCatalogue.of(List.of("sherlock", "maigret")).sites().size();

    @Test
    void theReadmeCountsTheSitesOfEachChoiceOfCatalogues() throws IOException {
        assertThat(Files.readString(Path.of("..", "README.md"))).contains("accounts on the " + COUNT.format(sherlock)
                + " sites of Sherlock's catalogue and the project's overlay (" + COUNT.format(maigret)
                + " of Maigret's with `sources=maigret`, " + COUNT.format(both) + " with both)");
    }

    @Test
    void theUsernameDocCountsTheDefaultSitesReadUnderBothDescriptions() throws IOException {
        long underBoth = BundledCatalogue.of(List.of("sherlock")).sites().stream()
                .filter(site -> site.detections().stream().anyMatch(d -> d.catalogue().equals("maigret")))
                .count();

        assertThat(Files.readString(Path.of("..", "docs", "collectors", "username.md")))
                .contains(COUNT.format(underBoth) + " of the " + COUNT.format(sherlock) + " sites of the default catalogue");
    }
}
