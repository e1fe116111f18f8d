package dev.osint.queue;

import java.time.Duration;

/**
 * A broker's answer to "may this submitter queue one more task?": admitted, or refused by one quota with how long
 * to wait before asking again.
 */
public record Admission(SubmissionQuotas.Quota refusedBy, Duration retryAfter) {
    public static final Admission ADMITTED = new Admission(null, Duration.ZERO);

    public static Admission refused(SubmissionQuotas.Quota quota, Duration retryAfter) {
        return new Admission(quota, retryAfter);
    }

    public boolean admitted() {
        return refusedBy == null;
    }
}
