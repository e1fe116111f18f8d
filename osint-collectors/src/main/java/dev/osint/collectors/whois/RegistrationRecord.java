package dev.osint.collectors.whois;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What RDAP and port-43 WHOIS both say about a name or a network, in the one shape the result carries. */
final class RegistrationRecord {
    String registrar;
    String registrarIanaId;
    String created;
    String updated;
    String expires;
    final Set<String> status = new LinkedHashSet<>();
    final Set<String> nameservers = new LinkedHashSet<>();
    String dnssec;
    String registrantOrganization;
    String registrantCountry;
    boolean registrantRedacted;
    String abuseEmail;
    String abusePhone;
    /** The port-43 server an RDAP answer names. */
    String whoisServer;
    /** When the registry's database was last updated (RDAP "last update of RDAP database", WHOIS ">>> … <<<"). */
    String databaseUpdated;
    Network network;

    /** An IP network (RDAP ip network, or a RIR's inetnum / NetRange). */
    static final class Network {
        String handle;
        String name;
        String startAddress;
        String endAddress;
        final List<String> cidrs = new ArrayList<>();
        String country;
        String type;

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("handle", handle);
            map.put("name", name);
            map.put("start_address", startAddress);
            map.put("end_address", endAddress);
            map.put("cidrs", List.copyOf(cidrs));
            map.put("country", country);
            map.put("type", type);
            return map;
        }
    }

    /** Fills what this record lacks from {@code other}; what this record already says stays. */
    void fillFrom(RegistrationRecord other) {
        registrar = registrar != null ? registrar : other.registrar;
        registrarIanaId = registrarIanaId != null ? registrarIanaId : other.registrarIanaId;
        created = created != null ? created : other.created;
        updated = updated != null ? updated : other.updated;
        expires = expires != null ? expires : other.expires;
        if (status.isEmpty()) {
            status.addAll(other.status);
        }
        if (nameservers.isEmpty()) {
            nameservers.addAll(other.nameservers);
        }
        dnssec = dnssec != null ? dnssec : other.dnssec;
        registrantOrganization = registrantOrganization != null ? registrantOrganization : other.registrantOrganization;
        registrantCountry = registrantCountry != null ? registrantCountry : other.registrantCountry;
        registrantRedacted = registrantRedacted || other.registrantRedacted;
        abuseEmail = abuseEmail != null ? abuseEmail : other.abuseEmail;
        abusePhone = abusePhone != null ? abusePhone : other.abusePhone;
        whoisServer = whoisServer != null ? whoisServer : other.whoisServer;
        databaseUpdated = databaseUpdated != null ? databaseUpdated : other.databaseUpdated;
        network = network != null ? network : other.network;
    }

    /** True when the answer holds nothing of a registration (a status alone, like DENIC's "free", is none). */
    boolean isEmpty() {
        return registrar == null && created == null && expires == null && nameservers.isEmpty()
                && registrantOrganization == null && abuseEmail == null && network == null;
    }

    /**
     * The result's {@code data}: {@code source, registrar, registrar_iana_id, created, updated, expires, status,
     * nameservers, dnssec, registrant, abuse, referral_chain, raw} (and {@code network} for an IP).
     */
    Map<String, Object> toData(String source, List<String> referralChain, String raw) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", source);
        data.put("registrar", registrar);
        data.put("registrar_iana_id", registrarIanaId);
        data.put("created", created);
        data.put("updated", updated);
        data.put("expires", expires);
        data.put("status", List.copyOf(status));
        data.put("nameservers", List.copyOf(nameservers));
        data.put("dnssec", dnssec);
        Map<String, Object> registrant = new LinkedHashMap<>();
        registrant.put("organization", registrantOrganization);
        registrant.put("country", registrantCountry);
        registrant.put("redacted", registrantRedacted);
        data.put("registrant", registrant);
        Map<String, Object> abuse = new LinkedHashMap<>();
        abuse.put("email", abuseEmail);
        abuse.put("phone", abusePhone);
        data.put("abuse", abuse);
        if (network != null) {
            data.put("network", network.toMap());
        }
        data.put("whois_server", whoisServer);
        data.put("referral_chain", List.copyOf(referralChain));
        data.put("raw", raw);
        return data;
    }
}
