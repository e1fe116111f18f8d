package dev.osint.collectors.dns;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A server's answer to one query, which server gave it, and its response code ({@code message.getRcode()}), read
 * once by the client: dnsjava's {@code Message.getRcode} looks for the OPT record through the additional section on
 * every call.
 */
record DnsAnswer(Message message, String server, int rcode) {

    boolean isNxdomain() {
        return rcode() == Rcode.NXDOMAIN;
    }

    List<Record> answers() {
        return message.getSection(Section.ANSWER);
    }

    /** The answer records of this type (a CNAME chain may come first). */
    List<Record> answers(int type) {
        List<Record> all = answers();
        List<Record> ofType = new ArrayList<>(all.size());
        for (Record record : all) {
            if (record.getType() == type) {
                ofType.add(record);
            }
        }
        return ofType;
    }
}
