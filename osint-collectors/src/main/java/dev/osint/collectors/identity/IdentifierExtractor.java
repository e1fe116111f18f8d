package dev.osint.collectors.identity;

import dev.osint.core.TargetKind;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives new identifiers from what is known: usernames from an email's local part and from profile links and
 * bio handles, emails published on profiles, the domains of personal sites and of custom email addresses.
 */
public final class IdentifierExtractor {
    private static final Pattern URL_IN_TEXT = Pattern.compile("https?://[^\\s<>\"'()\\[\\]]+");
    private static final Pattern EMAIL_IN_TEXT = Pattern.compile(
            "(?<![\\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    // not after a word character, so the @ of an email address is not read as a handle
    private static final Pattern HANDLE_IN_TEXT = Pattern.compile(
            "(?<![\\w@./])@([A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,38}[A-Za-z0-9_])?)(?:@[A-Za-z0-9.-]+)?");
    /** Local parts that name a role, not a person. */
    private static final Set<String> ROLE_MAILBOXES = Set.of("admin", "info", "contact", "hello", "hi", "mail",
            "support", "office", "sales", "team", "noreply", "no-reply", "webmaster", "postmaster", "abuse",
            "security", "press", "jobs", "billing", "help", "me");
    /** Public mail providers: their domain says nothing about the person. */
    private static final Set<String> PUBLIC_MAIL = Set.of("gmail.com", "googlemail.com", "outlook.com",
            "hotmail.com", "live.com", "msn.com", "yahoo.com", "ymail.com", "icloud.com", "me.com", "mac.com",
            "aol.com", "proton.me", "protonmail.com", "pm.me", "gmx.com", "gmx.de", "gmx.net", "web.de",
            "mail.com", "mail.ru", "yandex.ru", "yandex.com", "qq.com", "163.com", "126.com", "zoho.com",
            "fastmail.com", "tutanota.com", "tuta.io", "hey.com", "orange.fr", "free.fr", "libero.it");

    /**
     * Identifiers that are part of {@code identifier} itself and are scanned in the same round: an email's own
     * domain, a name's likely usernames.
     */
    public List<Derivation> companions(Identifier identifier) {
        List<Derivation> found = new ArrayList<>();
        if (identifier.kind() == TargetKind.EMAIL) {
            String domain = identifier.value().substring(identifier.value().indexOf('@') + 1);
            if (!PUBLIC_MAIL.contains(domain)) {
                found.add(new Derivation(identifier.key(), Identifier.domain(domain), Rule.EMAIL_DOMAIN,
                        "domain of " + identifier.value()));
            }
        } else if (identifier.kind() == TargetKind.PERSON_NAME) {
            for (String variant : nameVariants(identifier.value())) {
                found.add(new Derivation(identifier.key(), Identifier.username(variant), Rule.NAME_VARIANT,
                        "guessed from " + identifier.value()));
            }
        }
        return found;
    }

    /** Every identifier that the findings so far reveal; known ones included (the caller skips what it saw). */
    public List<Derivation> derive(Findings findings) {
        List<Derivation> found = new ArrayList<>();
        for (Findings.Known known : findings.identifiers()) {
            if (known.identifier().kind() == TargetKind.EMAIL) {
                localPart(known.identifier()).ifPresent(found::add);
            }
        }
        for (Account account : findings.accounts()) {
            found.addAll(fromAccount(account));
        }
        return found;
    }

    List<Derivation> fromAccount(Account account) {
        String node = Findings.accountNode(account);
        List<Derivation> found = new ArrayList<>();
        if (account.username() != null && PlatformLinks.USERNAME.matcher(account.username()).matches()) {
            found.add(new Derivation(node, Identifier.username(account.username()), Rule.SAME_USERNAME,
                    "username on " + account.platform()));
        }
        Set<String> links = new LinkedHashSet<>(account.links());
        links.addAll(urlsIn(account.bio()));
        for (String link : links) {
            PlatformLinks.handle(link).ifPresent(handle -> found.add(new Derivation(node,
                    Identifier.username(handle.username()), Rule.DECLARED_LINK, "links to " + link)));
            PlatformLinks.homePageDomain(link).ifPresent(domain -> found.add(new Derivation(node,
                    Identifier.domain(domain), Rule.DECLARED_LINK, "links to " + link)));
        }
        Set<String> emails = new LinkedHashSet<>();
        if (account.email() != null) {
            emails.add(account.email().toLowerCase(Locale.ROOT));
        }
        emails.addAll(emailsIn(account.bio()));
        for (String email : emails) {
            found.add(new Derivation(node, Identifier.email(email), Rule.EMAIL_ON_PROFILE, "publishes " + email));
        }
        for (String handle : handlesIn(account.bio())) {
            found.add(new Derivation(node, Identifier.username(handle), Rule.HANDLE_IN_BIO, "bio mentions @" + handle));
        }
        return found;
    }

    private static Optional<Derivation> localPart(Identifier email) {
        String local = email.value().substring(0, email.value().indexOf('@'));
        int tag = local.indexOf('+');
        if (tag > 0) {
            local = local.substring(0, tag);
        }
        if (local.length() < 3 || ROLE_MAILBOXES.contains(local) || !PlatformLinks.USERNAME.matcher(local).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Derivation(email.key(), Identifier.username(local), Rule.EMAIL_LOCAL_PART,
                "local part of " + email.value()));
    }

    /** {@code Jane Q. Doe} → janedoe, jane.doe, jane_doe, jdoe: first and last name, accents removed. */
    static List<String> nameVariants(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", "");
        String[] words = ascii.strip().split("\\s+");
        if (words.length < 2 || words[0].isEmpty()) {
            return List.of();
        }
        String first = words[0];
        String last = words[words.length - 1];
        return List.of(first + last, first + "." + last, first + "_" + last, first.charAt(0) + last);
    }

    static List<String> urlsIn(String text) {
        List<String> urls = new ArrayList<>();
        if (text != null) {
            Matcher matcher = URL_IN_TEXT.matcher(text);
            while (matcher.find()) {
                urls.add(matcher.group().replaceAll("[.,;:!?]+$", ""));
            }
        }
        return urls;
    }

    static List<String> emailsIn(String text) {
        List<String> emails = new ArrayList<>();
        if (text != null) {
            Matcher matcher = EMAIL_IN_TEXT.matcher(text);
            while (matcher.find()) {
                emails.add(matcher.group().toLowerCase(Locale.ROOT));
            }
        }
        return emails;
    }

    static List<String> handlesIn(String text) {
        List<String> handles = new ArrayList<>();
        if (text != null) {
            // URLs are read as links, not handles: medium.com/@jdoe is not a bio mention
            Matcher matcher = HANDLE_IN_TEXT.matcher(URL_IN_TEXT.matcher(text).replaceAll(" "));
            while (matcher.find()) {
                handles.add(matcher.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return handles;
    }
}
