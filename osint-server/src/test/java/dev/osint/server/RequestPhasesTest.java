package dev.osint.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import io.javalin.router.ParsedEndpoint;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The server runs Javalin's request phases less before-matched and after-matched, and starts only without them. */
class RequestPhasesTest {
    @Test
    void theRemainingPhasesRunInTheirOrderAndMatchedHandlersWouldNot() {
        List<String> ran = new CopyOnWriteArrayList<>();
        Javalin app = Javalin.create(config -> {
            config.router.mount(router -> {
                router.before(ctx -> ran.add("before"));
                router.beforeMatched(ctx -> ran.add("before-matched"));
                router.get("/x/{id}", ctx -> ran.add("handler " + ctx.pathParam("id")));
                router.afterMatched(ctx -> ran.add("after-matched"));
                router.after(ctx -> ran.add("after " + ctx.status().getCode()));
            });
            RequestPhases.useWithoutMatchedPhases(config);
        }).error(404, ctx -> ran.add("error 404")).start(0);
        try {
            RawHttp.send(app.port(), "GET", "/x/7", "", new byte[0]);
            RawHttp.send(app.port(), "GET", "/nowhere", "", new byte[0]);
            assertThat(ran).containsExactly("before", "handler 7", "after 200", "before", "error 404", "after 404");

            List<io.javalin.router.Endpoint> handlers = app.unsafeConfig().pvt.internalRouter.allHttpHandlers()
                    .stream().map(ParsedEndpoint::getEndpoint).toList();
            assertThatThrownBy(() -> RequestPhases.requireNoMatchedHandlers(handlers))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("BEFORE_MATCHED *").hasMessageContaining("AFTER_MATCHED *");
        } finally {
            app.stop();
        }
    }
}
