package dev.osint.server;

/** Quotas through the API, on the in-memory broker. */
class MemorySubmissionQuotasTest extends SubmissionQuotasContract {
    @Override
    protected ApiFixture anApiOnTheBroker() {
        return ApiFixture.anApi();
    }
}
