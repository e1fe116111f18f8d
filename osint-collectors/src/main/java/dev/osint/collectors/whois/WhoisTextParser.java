package dev.osint.collectors.whois;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads port-43 WHOIS answers: the {@code Key: value} lines of ICANN's 2013 RAA format ({@code Creation Date},
 * {@code Registry Expiry Date}, …), the older and ccTLD spellings, and the RIRs' network objects (ARIN's
 * {@code NetRange}, RIPE's {@code inetnum}).
 */
final class WhoisTextParser {
    /** The fields read, by lower-case key; the first line of a field wins, as registries list the best first. */
    private enum Field {
        REGISTRAR, REGISTRAR_IANA_ID, CREATED, UPDATED, EXPIRES, STATUS, NAMESERVER, DNSSEC, REGISTRANT_ORG,
        REGISTRANT_COUNTRY, ABUSE_EMAIL, ABUSE_PHONE, NET_RANGE, NET_CIDR, NET_NAME, NET_HANDLE, NET_TYPE, COUNTRY,
        ORG_NAME
    }

    private static final Map<String, Field> FIELDS = Map.ofEntries(
            Map.entry("registrar", Field.REGISTRAR),
            Map.entry("sponsoring registrar", Field.REGISTRAR),
            Map.entry("registrar name", Field.REGISTRAR),
            Map.entry("registrar iana id", Field.REGISTRAR_IANA_ID),
            Map.entry("sponsoring registrar iana id", Field.REGISTRAR_IANA_ID),
            Map.entry("creation date", Field.CREATED),
            Map.entry("created", Field.CREATED),
            Map.entry("created on", Field.CREATED),
            Map.entry("registered on", Field.CREATED),
            Map.entry("registration date", Field.CREATED),
            Map.entry("regdate", Field.CREATED),
            Map.entry("updated date", Field.UPDATED),
            Map.entry("last updated", Field.UPDATED),
            Map.entry("last modified", Field.UPDATED),
            Map.entry("last-modified", Field.UPDATED),
            Map.entry("changed", Field.UPDATED),
            Map.entry("updated", Field.UPDATED),
            Map.entry("registry expiry date", Field.EXPIRES),
            Map.entry("registrar registration expiration date", Field.EXPIRES),
            Map.entry("expiration date", Field.EXPIRES),
            Map.entry("expiry date", Field.EXPIRES),
            Map.entry("expires", Field.EXPIRES),
            Map.entry("expires on", Field.EXPIRES),
            Map.entry("paid-till", Field.EXPIRES),
            Map.entry("domain status", Field.STATUS),
            Map.entry("status", Field.STATUS),
            Map.entry("name server", Field.NAMESERVER),
            Map.entry("nameserver", Field.NAMESERVER),
            Map.entry("nserver", Field.NAMESERVER),
            Map.entry("dnssec", Field.DNSSEC),
            Map.entry("registrant organization", Field.REGISTRANT_ORG),
            Map.entry("registrant organisation", Field.REGISTRANT_ORG),
            Map.entry("registrant country", Field.REGISTRANT_COUNTRY),
            Map.entry("registrar abuse contact email", Field.ABUSE_EMAIL),
            Map.entry("orgabuseemail", Field.ABUSE_EMAIL),
            Map.entry("abuse-mailbox", Field.ABUSE_EMAIL),
            Map.entry("registrar abuse contact phone", Field.ABUSE_PHONE),
            Map.entry("orgabusephone", Field.ABUSE_PHONE),
            Map.entry("netrange", Field.NET_RANGE),
            Map.entry("inetnum", Field.NET_RANGE),
            Map.entry("inet6num", Field.NET_RANGE),
            Map.entry("cidr", Field.NET_CIDR),
            Map.entry("netname", Field.NET_NAME),
            Map.entry("nethandle", Field.NET_HANDLE),
            Map.entry("nettype", Field.NET_TYPE),
            Map.entry("country", Field.COUNTRY),
            Map.entry("orgname", Field.ORG_NAME),
            Map.entry("org-name", Field.ORG_NAME));

    /** Keys that name the next server to ask: IANA's {@code refer}, thin registries', and ARIN's. */
    private static final List<String> REFERRAL_KEYS =
            List.of("refer", "registrar whois server", "whois server", "referralserver");

    /** How registries say that nothing is registered under the name. */
    private static final List<Pattern> NOT_REGISTERED = List.of(
            Pattern.compile("^no match( for)?\\b.*"),
            Pattern.compile("^not found\\b.*"),
            Pattern.compile("^no data found\\b.*"),
            Pattern.compile("^domain not found\\b.*"),
            Pattern.compile("^no entries found\\b.*"),
            Pattern.compile("^%?\\s*error:101: no entries found.*"),
            Pattern.compile("^the queried object does not exist.*"),
            Pattern.compile("^this domain name has not been registered.*"),
            Pattern.compile("^status:\\s*(free|available)\\s*$"));

    private static final Pattern DATABASE_UPDATE =
            Pattern.compile("(?i)>>>\\s*last update of whois database:\\s*(.+?)\\s*<<<");
    private static final Pattern LINE = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9 /_.-]{0,60}?)\\s*:\\s*(.*)$");

    private WhoisTextParser() {}

    /** The fields of one server's answer. */
    static RegistrationRecord parse(String text, boolean network) {
        RegistrationRecord record = new RegistrationRecord();
        RegistrationRecord.Network net = new RegistrationRecord.Network();
        String networkOrg = null;
        for (String line : text.split("\\r?\\n")) {
            Matcher database = DATABASE_UPDATE.matcher(line);
            if (database.find()) {
                record.databaseUpdated = UtcDates.normalise(database.group(1));
                continue;
            }
            if (line.startsWith("%") || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                continue;
            }
            String key = matcher.group(1).toLowerCase(Locale.ROOT);
            String value = matcher.group(2).strip();
            if (key.startsWith("registrant") && RegistrationValues.isRedacted(value)) {
                record.registrantRedacted = true;
            }
            Field field = FIELDS.get(key);
            if (field == null || value.isEmpty()) {
                continue;
            }
            switch (field) {
                case REGISTRAR -> record.registrar = first(record.registrar, RegistrationValues.published(value));
                case REGISTRAR_IANA_ID -> record.registrarIanaId = first(record.registrarIanaId, value);
                case CREATED -> record.created = first(record.created, UtcDates.normalise(value));
                case UPDATED -> record.updated = first(record.updated, UtcDates.normalise(value));
                case EXPIRES -> record.expires = first(record.expires, UtcDates.normalise(value));
                case STATUS -> add(record.status, RegistrationValues.eppStatus(value));
                case NAMESERVER -> add(record.nameservers, RegistrationValues.hostName(value));
                case DNSSEC -> record.dnssec = first(record.dnssec, RegistrationValues.dnssec(value));
                case REGISTRANT_ORG -> record.registrantOrganization =
                        first(record.registrantOrganization, RegistrationValues.published(value));
                case REGISTRANT_COUNTRY -> record.registrantCountry =
                        first(record.registrantCountry, RegistrationValues.countryCode(value));
                case ABUSE_EMAIL -> record.abuseEmail = first(record.abuseEmail, RegistrationValues.published(value));
                case ABUSE_PHONE -> record.abusePhone = first(record.abusePhone, RegistrationValues.phone(value));
                case NET_RANGE -> readRange(net, value);
                case NET_CIDR -> {
                    for (String cidr : value.split("\\s*,\\s*")) {
                        add(net.cidrs, cidr.isBlank() ? null : cidr);
                    }
                }
                case NET_NAME -> net.name = first(net.name, value);
                case NET_HANDLE -> net.handle = first(net.handle, value);
                case NET_TYPE -> net.type = first(net.type, value);
                case COUNTRY -> net.country = first(net.country, RegistrationValues.countryCode(value));
                case ORG_NAME -> networkOrg = first(networkOrg, RegistrationValues.published(value));
            }
        }
        if (network) {
            record.network = net;
            record.registrantOrganization = first(record.registrantOrganization, networkOrg);
            record.registrantCountry = first(record.registrantCountry, net.country);
            // a RIR's network object has no EPP status, and its "Updated" belongs to the network
            record.status.clear();
        }
        return record;
    }

    private static void readRange(RegistrationRecord.Network net, String value) {
        String[] ends = value.split("\\s+-\\s+", 2);
        if (net.startAddress == null && ends.length == 2) {
            net.startAddress = ends[0].strip();
            net.endAddress = ends[1].strip();
        } else if (net.startAddress == null && value.contains("/")) {
            net.cidrs.add(value); // RIPE writes inet6num as a prefix
        }
    }

    /** The server this answer refers the query on to, as written (validate before use), if any. */
    static Optional<String> referral(String text) {
        for (String line : text.split("\\r?\\n")) {
            Matcher matcher = LINE.matcher(line);
            if (matcher.matches() && REFERRAL_KEYS.contains(matcher.group(1).toLowerCase(Locale.ROOT))) {
                String value = matcher.group(2).strip();
                if (!value.isEmpty()) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    /** True when the answer says nothing is registered under the name ("No match for", "NOT FOUND", …). */
    static boolean saysNotRegistered(String text) {
        for (String line : text.split("\\r?\\n")) {
            String normalised = line.strip().toLowerCase(Locale.ROOT);
            for (Pattern pattern : NOT_REGISTERED) {
                if (pattern.matcher(normalised).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True for IANA's own answers ({@code refer:} lines): they describe the TLD, never the name asked about. */
    static boolean isRegistryDirectory(String text) {
        for (String line : text.split("\\r?\\n")) {
            Matcher matcher = LINE.matcher(line);
            if (matcher.matches() && matcher.group(1).equalsIgnoreCase("refer")) {
                return true;
            }
        }
        return text.contains("% IANA WHOIS server");
    }

    private static String first(String current, String candidate) {
        return current != null ? current : candidate;
    }

    private static void add(java.util.Collection<String> values, String value) {
        if (value != null && !value.isBlank()) {
            values.add(value);
        }
    }
}
