package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Javalin looks a request's route up several times, trying each route of its method in the order registered, with
 * a regex for every one before the match: the submit and status routes, which nearly all requests take, come first.
 */
class ApiRoutesOrderTest {
    @Test
    void theSubmitAndStatusRoutesAreTheFirstTriedForTheirMethods() {
        List<String> served;
        try (ApiFixture api = anApi().start()) {
            served = api.server.routes();
        }

        assertThat(served.stream().filter(route -> route.startsWith("GET ")).findFirst())
                .hasValue("GET " + ApiRoutes.SCAN_TASK);
        assertThat(served.stream().filter(route -> route.startsWith("POST ")).findFirst())
                .hasValue("POST " + ApiRoutes.SCAN);
    }
}
