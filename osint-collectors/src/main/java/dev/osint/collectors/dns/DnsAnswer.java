package dev.osint.collectors.dns;

import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** A server's answer to one query, and which server gave it. */
record DnsAnswer(Message message, String server) {
    int rcode() {
        return message.getRcode();
    }

    boolean isNxdomain() {
        return rcode() == Rcode.NXDOMAIN;
    }

    List<Record> answers() {
        return message.getSection(Section.ANSWER);
    }

    /** The answer records of this type (a CNAME chain may come first). */
    List<Record> answers(int type) {
        return answers().stream().filter(r -> r.getType() == type).toList();
    }
}
