package dev.osint.collectors.identity;

import java.util.Locale;

/**
 * The evidence rules that link two nodes of the identity graph, each with its confidence that both nodes belong to
 * one person. The numbers are judgement, written down once: strong for what a person cannot have by accident (an
 * email's own Gravatar, two profiles pointing at each other), weak for what strangers share (a name, a username).
 */
public enum Rule {
    /** An account a scan found by looking the email up (Gravatar keys profiles by the address's hash). */
    FOUND_BY_EMAIL(0.95, "the account was found by looking the email up"),
    /** The account's username is the username, or a scan of the username found it; popular names are shared. */
    SAME_USERNAME(0.5, "the account has the username (times the site check's own confidence)"),
    /** Two accounts show the same picture, or an account shows the email's Gravatar. */
    SAME_AVATAR(0.9, "the same avatar URL or Gravatar hash"),
    /** Two profiles each link to the other. */
    CROSS_LINK(0.95, "each profile links to the other"),
    /** A profile links to another profile, a handle on a known platform or a web site. */
    DECLARED_LINK(0.8, "the profile links to it"),
    /** A profile publishes the email. */
    EMAIL_ON_PROFILE(0.9, "the profile publishes the email"),
    /** Two accounts, or a name and an account, carry the same full name (two words or more). */
    SAME_DISPLAY_NAME(0.4, "the same full name"),
    /** A handle ({@code @name}) written in a bio; it may name someone else (an employer, a friend). */
    HANDLE_IN_BIO(0.5, "the bio mentions the handle"),
    /** The part of an email before {@code @} (tags after {@code +} dropped), tried as a username. */
    EMAIL_LOCAL_PART(0.6, "the email's local part"),
    /** The domain of an email address that is not a public mail provider. */
    EMAIL_DOMAIN(0.7, "the email's own domain"),
    /** A username guessed from a person's name ({@code janedoe}, {@code jane.doe}, …). */
    NAME_VARIANT(0.3, "a username guessed from the name"),
    /**
     * A file's metadata names the author or last editor, or an email or username in a field; the file may have
     * been made by someone else than whoever published it.
     */
    FILE_METADATA(0.6, "the file's metadata names it");

    private final double confidence;
    private final String meaning;

    Rule(double confidence, String meaning) {
        this.confidence = confidence;
        this.meaning = meaning;
    }

    public double confidence() {
        return confidence;
    }

    public String meaning() {
        return meaning;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
