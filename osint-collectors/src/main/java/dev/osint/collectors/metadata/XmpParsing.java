package dev.osint.collectors.metadata;

import com.adobe.internal.xmp.options.ParseOptions;
import com.drew.metadata.xmp.XmpReader;
import java.lang.reflect.Field;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * XMPCore parses every packet with one shared {@link DocumentBuilderFactory} that refuses DOCTYPE declarations from
 * its creation; metadata-extractor's parse options ask it to set that feature again before each packet, and the
 * JDK's factory builds and throws away a whole parser to check a feature it is given: a third of the CPU time of
 * reading an XMP packet (JFR). When, and only when, the shared factory is seen to refuse DOCTYPE already, the
 * per-packet request is dropped; anything unexpected leaves the library as it is.
 */
final class XmpParsing {
    static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final boolean FAST = dropRepeatedDoctypeFeature();

    private XmpParsing() {}

    /** True when the shared factory refuses DOCTYPE and packets no longer ask it again. */
    static boolean fast() {
        return FAST;
    }

    private static boolean dropRepeatedDoctypeFeature() {
        try {
            Field factoryField = Class.forName("com.adobe.internal.xmp.impl.XMPMetaParser")
                    .getDeclaredField("factory");
            factoryField.setAccessible(true);
            if (!(factoryField.get(null) instanceof DocumentBuilderFactory factory)
                    || !factory.getFeature(DISALLOW_DOCTYPE)) {
                return false;
            }
            Field optionsField = XmpReader.class.getDeclaredField("PARSE_OPTIONS");
            optionsField.setAccessible(true);
            ((ParseOptions) optionsField.get(null)).setDisallowDoctype(false);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | javax.xml.parsers.ParserConfigurationException
                | LinkageError e) {
            return false;
        }
    }
}
