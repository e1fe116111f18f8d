package dev.osint.server;

import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The API fuzzed on the in-memory broker. */
class MemoryApiFuzzTest extends ApiFuzzContract {
    @BeforeContainer
    static void start() {
        api = configured(ApiFixture.anApi());
    }

    @AfterContainer
    static void stop() {
        api.close();
    }
}
