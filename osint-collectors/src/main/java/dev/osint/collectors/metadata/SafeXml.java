package dev.osint.collectors.metadata;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a small properties part (OOXML {@code docProps/*.xml}, ODF {@code meta.xml}) into {@code name → text}
 * pairs. Hardened: a DOCTYPE is refused outright, so no entity is ever declared, expanded or fetched; depth and
 * element count are capped.
 */
final class SafeXml {
    private static final int MAX_DEPTH = 32;
    private static final int MAX_ELEMENTS = 10_000;
    private static final XMLInputFactory FACTORY = factory();

    /** The part is not XML, or is XML that is refused. */
    static final class XmlRefusedException extends Exception {
        XmlRefusedException(String message) {
            super(message);
        }
    }

    private SafeXml() {}

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory;
    }

    /**
     * Every element that holds text, by its local name ({@code creator}, {@code lastModifiedBy}), and every attribute
     * of the elements below the root as {@code element@attribute}; a repeated name keeps its first value.
     */
    static Map<String, String> properties(byte[] xml) throws XmlRefusedException {
        Map<String, String> values = new LinkedHashMap<>();
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
            Deque<StringBuilder> texts = new ArrayDeque<>();
            int elements = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw new XmlRefusedException("it declares a DOCTYPE, which"
                            + " office documents never need and XML entity attacks do");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new XmlRefusedException(
                            "it refers to an undeclared entity &" + reader.getLocalName() + ";");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++elements > MAX_ELEMENTS || texts.size() >= MAX_DEPTH) {
                            throw new XmlRefusedException("it has more than " + MAX_ELEMENTS + " elements or is"
                                    + " nested deeper than " + MAX_DEPTH);
                        }
                        if (!texts.isEmpty()) {
                            for (int i = 0; i < reader.getAttributeCount(); i++) {
                                values.putIfAbsent(reader.getLocalName() + "@" + reader.getAttributeLocalName(i),
                                        reader.getAttributeValue(i));
                            }
                        }
                        texts.push(new StringBuilder());
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!texts.isEmpty() && texts.peek().length() < 100_000) {
                            texts.peek().append(reader.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        String text = texts.pop().toString().strip();
                        if (!text.isEmpty()) {
                            values.putIfAbsent(reader.getLocalName(), text);
                        }
                    }
                    default -> { }
                }
            }
            return values;
        } catch (XMLStreamException e) {
            throw new XmlRefusedException("it is not well-formed XML: " + e.getMessage().replaceAll("\\s+", " "));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException e) {
                    // nothing was left open on a byte array
                }
            }
        }
    }
}
