package dev.osint.collectors.dns;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** Turns dnsjava records into the result's {@code {type, name, value, ttl}} maps (MX and SRV with their numbers). */
final class DnsRecordFormat {
    private DnsRecordFormat() {}

    static Map<String, Object> toMap(Record record) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", Type.string(record.getType()));
        map.put("name", hostName(record.getName()));
        map.put("value", value(record));
        map.put("ttl", record.getTTL());
        if (record instanceof MXRecord mx) {
            map.put("priority", mx.getPriority());
        } else if (record instanceof SRVRecord srv) {
            map.put("priority", srv.getPriority());
            map.put("weight", srv.getWeight());
            map.put("port", srv.getPort());
        }
        return map;
    }

    /** The record's data as text: an address, a host name without its final dot, TXT strings joined. */
    static String value(Record record) {
        return switch (record) {
            case ARecord a -> a.getAddress().getHostAddress();
            case AAAARecord aaaa -> ipv6(aaaa.getAddress().getHostAddress());
            case CNAMERecord cname -> hostName(cname.getTarget());
            case MXRecord mx -> hostName(mx.getTarget());
            case NSRecord ns -> hostName(ns.getTarget());
            case SRVRecord srv -> hostName(srv.getTarget());
            // long TXT records come in 255-byte strings that mean one text together (RFC 7208 §3.3)
            case TXTRecord txt -> String.join("", txt.getStrings());
            default -> record.rdataToString();
        };
    }

    /** The RFC 5952 text of an IPv6 address ({@code 2001:db8::10}): Java writes every group out. */
    static String ipv6(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 1; // a single zero group stays as it is (RFC 5952 §4.2.2)
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

    /** {@code mail.example.test}, without the root's dot. */
    static String hostName(Name name) {
        return name.toString(true);
    }
}
