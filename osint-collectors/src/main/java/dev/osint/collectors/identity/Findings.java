package dev.osint.collectors.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Everything an identity scan knows so far: identifiers (scanned or not), accounts, and how each was derived. */
public final class Findings {
    /** One identifier's standing: the round it came from, whether it was scanned, facts the scans attached. */
    public static final class Known {
        final Identifier identifier;
        final int depth;
        boolean scanned;
        final Map<String, Set<String>> facts = new LinkedHashMap<>();

        Known(Identifier identifier, int depth) {
            this.identifier = identifier;
            this.depth = depth;
        }

        public Identifier identifier() {
            return identifier;
        }

        public int depth() {
            return depth;
        }

        public boolean scanned() {
            return scanned;
        }

        Map<String, Object> attributes() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("depth", depth);
            map.put("scanned", scanned);
            facts.forEach((name, values) -> map.put(name, List.copyOf(values)));
            return map;
        }
    }

    private final Identifier target;
    private final Map<String, Known> identifiers = new LinkedHashMap<>();
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Set<Derivation> derivations = new LinkedHashSet<>();

    public Findings(Identifier target) {
        this.target = target;
        identifiers.put(target.key(), new Known(target, 0));
    }

    public Identifier target() {
        return target;
    }

    /** Adds the derivation; its identifier becomes known at {@code depth} unless it was known before. */
    public void derive(Derivation derivation, int depth) {
        if (derivation.from().equals(derivation.identifier().key())) {
            return;
        }
        derivations.add(derivation);
        identifiers.putIfAbsent(derivation.identifier().key(), new Known(derivation.identifier(), depth));
    }

    public void addAccount(Account account) {
        accounts.merge(account.key(), account, Account::merge);
    }

    /** Records a fact a scan found about an identifier ({@code breaches: Adobe}). */
    public void addFact(Identifier identifier, String name, String value) {
        Optional.ofNullable(identifiers.get(identifier.key()))
                .ifPresent(known -> known.facts.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(value));
    }

    public void markScanned(Identifier identifier) {
        Optional.ofNullable(identifiers.get(identifier.key())).ifPresent(known -> known.scanned = true);
    }

    public Collection<Known> identifiers() {
        return identifiers.values();
    }

    public Optional<Known> identifier(String key) {
        return Optional.ofNullable(identifiers.get(key));
    }

    public Collection<Account> accounts() {
        return accounts.values();
    }

    public List<Derivation> derivations() {
        return new ArrayList<>(derivations);
    }

    /** The graph node id of an account. */
    static String accountNode(Account account) {
        return "account:" + account.key();
    }
}
