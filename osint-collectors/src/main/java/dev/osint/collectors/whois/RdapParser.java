package dev.osint.collectors.whois;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.CollectorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads an RDAP domain or IP network object (RFC 9083) into a {@link RegistrationRecord}. */
final class RdapParser {
    private RdapParser() {}

    /**
     * The record of {@code answer}; {@code server} names the upstream in errors.
     *
     * @throws CollectorException when the answer is not a JSON object
     */
    static RegistrationRecord parse(JsonNode answer, boolean network, String server) {
        if (answer == null || !answer.isObject()) {
            throw new CollectorException(server + " sent a malformed RDAP answer: expected a JSON object, got "
                    + (answer == null ? "nothing" : answer.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        RegistrationRecord record = new RegistrationRecord();
        readEvents(answer, record);
        for (JsonNode status : answer.path("status")) {
            String code = RegistrationValues.rdapStatus(status.asText(), !network);
            if (code != null) {
                record.status.add(code);
            }
        }
        for (JsonNode nameserver : answer.path("nameservers")) {
            String host = RegistrationValues.hostName(nameserver.path("ldhName").asText(""));
            if (host != null) {
                record.nameservers.add(host);
            }
        }
        JsonNode signed = answer.path("secureDNS").path("delegationSigned");
        if (signed.isBoolean()) {
            record.dnssec = signed.asBoolean() ? "signedDelegation" : "unsigned";
        }
        record.whoisServer = RegistrationValues.hostName(answer.path("port43").asText(""));
        readEntities(answer, record);
        record.registrantRedacted |= hasRedactionRemark(answer) || redactsRegistrant(answer);
        if (network) {
            record.network = network(answer);
            if (record.registrantCountry == null) {
                record.registrantCountry = record.network.country;
            }
        }
        return record;
    }

    private static void readEvents(JsonNode answer, RegistrationRecord record) {
        for (JsonNode event : answer.path("events")) {
            String date = UtcDates.normalise(event.path("eventDate").asText(""));
            switch (event.path("eventAction").asText("").toLowerCase(Locale.ROOT)) {
                case "registration" -> record.created = date;
                case "last changed" -> record.updated = date;
                case "expiration" -> record.expires = date;
                case "last update of rdap database" -> record.databaseUpdated = date;
                default -> { /* transfer, reregistration, …: not part of the result */ }
            }
        }
    }

    /** Registrar, registrant and abuse contacts, wherever they sit (abuse is usually inside the registrar). */
    private static void readEntities(JsonNode answer, RegistrationRecord record) {
        for (JsonNode entity : allEntities(answer)) {
            List<String> roles = roles(entity);
            JCard card = JCard.of(entity);
            if (roles.contains("registrar") && record.registrar == null) {
                record.registrar = card.text("fn");
                for (JsonNode id : entity.path("publicIds")) {
                    if (id.path("type").asText("").equalsIgnoreCase("IANA Registrar ID")) {
                        record.registrarIanaId = id.path("identifier").asText(null);
                    }
                }
            }
            if (roles.contains("registrant")) {
                // a network's holder is often an organisation with only a name (ARIN: kind org, fn)
                String organization = card.text("org");
                if (organization == null && "org".equalsIgnoreCase(card.text("kind"))) {
                    organization = card.text("fn");
                }
                record.registrantOrganization = RegistrationValues.published(organization);
                record.registrantCountry = RegistrationValues.countryCode(card.country());
                record.registrantRedacted = card.hasRedactedValue() || hasRedactionRemark(entity);
            }
            if (roles.contains("abuse") && record.abuseEmail == null) {
                record.abuseEmail = RegistrationValues.published(card.text("email"));
                record.abusePhone = RegistrationValues.phone(card.text("tel"));
            }
        }
    }

    private static List<JsonNode> allEntities(JsonNode parent) {
        List<JsonNode> found = new ArrayList<>();
        collect(parent, found, 0);
        return found;
    }

    private static void collect(JsonNode parent, List<JsonNode> found, int depth) {
        if (depth > 4) {
            return; // RDAP nests two levels at most in practice; a deeper answer is not worth following
        }
        for (JsonNode entity : parent.path("entities")) {
            if (entity.isObject()) {
                found.add(entity);
                collect(entity, found, depth + 1);
            }
        }
    }

    private static List<String> roles(JsonNode entity) {
        List<String> roles = new ArrayList<>();
        for (JsonNode role : entity.path("roles")) {
            roles.add(role.asText("").toLowerCase(Locale.ROOT));
        }
        return roles;
    }

    /** A remark titled like "REDACTED FOR PRIVACY" or typed "object redacted due to authorization". */
    private static boolean hasRedactionRemark(JsonNode object) {
        for (JsonNode remark : object.path("remarks")) {
            if (RegistrationValues.isRedacted(remark.path("title").asText(""))
                    || remark.path("type").asText("").toLowerCase(Locale.ROOT).contains("redacted")) {
                return true;
            }
        }
        return false;
    }

    /** RFC 9537's {@code redacted} member naming a registrant field ({@code "Registrant Name"}, …). */
    private static boolean redactsRegistrant(JsonNode answer) {
        for (JsonNode redaction : answer.path("redacted")) {
            if (redaction.path("name").path("type").asText("").toLowerCase(Locale.ROOT).startsWith("registrant")) {
                return true;
            }
        }
        return false;
    }

    private static RegistrationRecord.Network network(JsonNode answer) {
        RegistrationRecord.Network network = new RegistrationRecord.Network();
        network.handle = text(answer, "handle");
        network.name = text(answer, "name");
        network.startAddress = text(answer, "startAddress");
        network.endAddress = text(answer, "endAddress");
        network.country = RegistrationValues.countryCode(text(answer, "country"));
        network.type = text(answer, "type");
        for (JsonNode cidr : answer.path("cidr0_cidrs")) {
            String prefix = cidr.hasNonNull("v4prefix") ? cidr.path("v4prefix").asText() : cidr.path("v6prefix").asText("");
            if (!prefix.isBlank() && cidr.path("length").isInt()) {
                network.cidrs.add(prefix + "/" + cidr.path("length").asInt());
            }
        }
        return network;
    }

    private static String text(JsonNode object, String field) {
        JsonNode value = object.path(field);
        return value.isValueNode() && !value.asText().isBlank() ? value.asText().strip() : null;
    }
}
