package dev.osint.collectors.identity;

import dev.osint.core.TargetKind;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns findings into the identity graph: every identifier and account a node, every piece of evidence an edge
 * named by its {@link Rule}. When one rule links the same two nodes twice, the stronger edge is kept.
 */
public final class GraphBuilder {
    private final Map<String, IdentityGraph.Edge> edges = new LinkedHashMap<>();

    public static IdentityGraph build(Findings findings) {
        return new GraphBuilder().graph(findings);
    }

    private IdentityGraph graph(Findings findings) {
        List<IdentityGraph.Node> nodes = new ArrayList<>();
        for (Findings.Known known : findings.identifiers()) {
            Identifier identifier = known.identifier();
            nodes.add(new IdentityGraph.Node(identifier.key(), identifier.kind().wireName(), identifier.value(),
                    known.attributes()));
        }
        for (Account account : findings.accounts()) {
            nodes.add(new IdentityGraph.Node(Findings.accountNode(account), "account", account.url(),
                    account.attributes()));
        }
        // lookups first: a username found both ways keeps the username-to-account direction
        foundByLookup(findings);
        sameUsername(findings);
        sameAvatar(findings);
        linksBetweenProfiles(findings);
        sameDisplayName(findings);
        derivedIdentifiers(findings);
        return new IdentityGraph(nodes, new ArrayList<>(edges.values()));
    }

    /** Each derivation is evidence by the rule that derived it. */
    private void derivedIdentifiers(Findings findings) {
        for (Derivation derivation : findings.derivations()) {
            double confidence = derivation.rule().confidence();
            if (derivation.rule() == Rule.SAME_USERNAME) {
                confidence *= lookupConfidence(findings, derivation.from());
            }
            add(derivation.from(), derivation.identifier().key(), derivation.rule(), confidence,
                    derivation.evidence());
        }
    }

    /** FOUND_BY_EMAIL and SAME_USERNAME: an account a scan of the identifier found. */
    private void foundByLookup(Findings findings) {
        for (Account account : findings.accounts()) {
            for (String finder : account.foundBy()) {
                Optional<Findings.Known> known = findings.identifier(finder);
                TargetKind kind = known.map(k -> k.identifier().kind()).orElse(null);
                if (kind == TargetKind.EMAIL) {
                    add(finder, Findings.accountNode(account), Rule.FOUND_BY_EMAIL,
                            Rule.FOUND_BY_EMAIL.confidence() * account.lookupConfidence(),
                            "a scan of " + known.get().identifier().value() + " found " + account.url());
                } else if (kind == TargetKind.USERNAME) {
                    add(finder, Findings.accountNode(account), Rule.SAME_USERNAME,
                            Rule.SAME_USERNAME.confidence() * account.lookupConfidence(),
                            "a scan of " + known.get().identifier().value() + " found " + account.url());
                }
            }
        }
    }

    /** SAME_USERNAME: an account whose username is a known username, whichever scan found it. */
    private void sameUsername(Findings findings) {
        for (Account account : findings.accounts()) {
            if (account.username() == null) {
                continue;
            }
            Identifier username = Identifier.username(account.username());
            if (findings.identifier(username.key()).isPresent()) {
                add(username.key(), Findings.accountNode(account), Rule.SAME_USERNAME,
                        Rule.SAME_USERNAME.confidence() * account.lookupConfidence(),
                        account.platform() + " account " + account.url() + " is " + username.value());
            }
        }
    }

    /** SAME_AVATAR: two accounts with one picture, or an account showing an email's Gravatar. */
    private void sameAvatar(Findings findings) {
        Map<String, List<Account>> byAvatar = new LinkedHashMap<>();
        for (Account account : findings.accounts()) {
            AvatarKey.of(account.avatarUrl())
                    .ifPresent(key -> byAvatar.computeIfAbsent(key, k -> new ArrayList<>()).add(account));
        }
        byAvatar.forEach((key, accounts) -> pairs(accounts, (a, b) -> add(Findings.accountNode(a),
                Findings.accountNode(b), Rule.SAME_AVATAR, Rule.SAME_AVATAR.confidence(), "both show " + key)));
        for (Findings.Known known : findings.identifiers()) {
            if (known.identifier().kind() != TargetKind.EMAIL) {
                continue;
            }
            for (String key : AvatarKey.ofEmail(known.identifier().value())) {
                for (Account account : byAvatar.getOrDefault(key, List.of())) {
                    // the email's own lookup already says so; the avatar would count the same fact twice
                    if (!account.foundBy().contains(known.identifier().key())) {
                        add(known.identifier().key(), Findings.accountNode(account), Rule.SAME_AVATAR,
                                Rule.SAME_AVATAR.confidence(), account.url() + " shows the Gravatar of "
                                        + known.identifier().value());
                    }
                }
            }
        }
    }

    /** CROSS_LINK when two profiles link to each other, DECLARED_LINK when one links to the other. */
    private void linksBetweenProfiles(Findings findings) {
        List<Account> accounts = new ArrayList<>(findings.accounts());
        for (Account from : accounts) {
            for (Account to : accounts) {
                if (from == to || !linksTo(from, to)) {
                    continue;
                }
                if (linksTo(to, from)) {
                    if (from.key().compareTo(to.key()) < 0) {
                        add(Findings.accountNode(from), Findings.accountNode(to), Rule.CROSS_LINK,
                                Rule.CROSS_LINK.confidence(), from.url() + " and " + to.url() + " link to each other");
                    }
                } else {
                    add(Findings.accountNode(from), Findings.accountNode(to), Rule.DECLARED_LINK,
                            Rule.DECLARED_LINK.confidence(), from.url() + " links to " + to.url());
                }
            }
        }
    }

    /** SAME_DISPLAY_NAME: accounts, and a searched name, that carry one full name. */
    private void sameDisplayName(Findings findings) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (Findings.Known known : findings.identifiers()) {
            if (known.identifier().kind() == TargetKind.PERSON_NAME) {
                fullName(known.identifier().value()).ifPresent(name ->
                        byName.computeIfAbsent(name, k -> new ArrayList<>()).add(known.identifier().key()));
            }
        }
        for (Account account : findings.accounts()) {
            fullName(account.displayName()).ifPresent(name ->
                    byName.computeIfAbsent(name, k -> new ArrayList<>()).add(Findings.accountNode(account)));
        }
        byName.forEach((name, nodes) -> pairs(nodes, (a, b) -> add(a, b, Rule.SAME_DISPLAY_NAME,
                Rule.SAME_DISPLAY_NAME.confidence(), "both are named " + name)));
    }

    /** A name of two words or more, compared without case, accents or extra spaces; one word is too common. */
    static Optional<String> fullName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String normal = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} ]", " ").strip().replaceAll("\\s+", " ");
        return normal.contains(" ") ? Optional.of(normal) : Optional.empty();
    }

    private static boolean linksTo(Account from, Account to) {
        List<String> links = new ArrayList<>(from.links());
        links.addAll(IdentifierExtractor.urlsIn(from.bio()));
        return links.stream().map(Urls::comparable).flatMap(Optional::stream).anyMatch(to.key()::equals);
    }

    private static double lookupConfidence(Findings findings, String node) {
        return findings.accounts().stream().filter(a -> Findings.accountNode(a).equals(node)).findFirst()
                .map(Account::lookupConfidence).orElse(1.0);
    }

    private static <T> void pairs(List<T> items, java.util.function.BiConsumer<T, T> each) {
        for (int i = 0; i < items.size(); i++) {
            for (int j = i + 1; j < items.size(); j++) {
                each.accept(items.get(i), items.get(j));
            }
        }
    }

    private void add(String from, String to, Rule rule, double confidence, String evidence) {
        if (from.equals(to)) {
            return;
        }
        String pair = from.compareTo(to) < 0 ? from + " " + to : to + " " + from;
        edges.merge(rule + " " + pair, new IdentityGraph.Edge(from, to, rule, confidence, evidence),
                (kept, next) -> next.confidence() > kept.confidence() ? next : kept);
    }
}
