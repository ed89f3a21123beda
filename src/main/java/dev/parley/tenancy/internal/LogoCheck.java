package dev.parley.tenancy.internal;

import java.io.ByteArrayInputStream;
import java.util.Locale;

import javax.xml.parsers.DocumentBuilderFactory;

import dev.parley.shared.ParleyException;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import org.springframework.http.HttpStatus;

/**
 * Decides what an uploaded logo is from its bytes (not from what the client claims): PNG, JPEG or SVG. An SVG
 * is refused when it could run anything: script or foreignObject elements, event-handler attributes,
 * javascript: or external links, DTDs and entities.
 */
public final class LogoCheck {

    public static final int MAX_BYTES = 1024 * 1024;

    private LogoCheck() {
    }

    /** The content type to store and serve, or a 4xx saying why not. */
    public static String contentType(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw ParleyException.badRequest("LOGO_EMPTY", "Send the logo's bytes as the request body.");
        }
        if (bytes.length > MAX_BYTES) {
            throw new ParleyException(HttpStatus.CONTENT_TOO_LARGE, "LOGO_TOO_LARGE", "A logo can be at most 1 MB.");
        }
        if (bytes.length > 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            return "image/png";
        }
        if (bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        checkSvg(bytes);
        return "image/svg+xml";
    }

    private static void checkSvg(byte[] bytes) {
        Element root;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(true);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            root = builder.parse(new ByteArrayInputStream(bytes)).getDocumentElement();
        } catch (Exception e) {
            throw new ParleyException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "LOGO_FORMAT",
                    "A logo must be a PNG, a JPEG or an SVG image.");
        }
        if (!"svg".equals(root.getLocalName())) {
            throw new ParleyException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "LOGO_FORMAT",
                    "A logo must be a PNG, a JPEG or an SVG image.");
        }
        inspect(root);
    }

    private static void inspect(Element element) {
        String name = element.getLocalName() == null ? element.getTagName() : element.getLocalName();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("script") || lower.equals("foreignobject") || lower.equals("iframe")
                || lower.equals("embed") || lower.equals("object")) {
            throw unsafe("it contains a <" + name + "> element");
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            String attributeName = (attribute.getLocalName() == null ? attribute.getNodeName()
                    : attribute.getLocalName()).toLowerCase(Locale.ROOT);
            String value = attribute.getNodeValue().trim().toLowerCase(Locale.ROOT).replaceAll("\\s", "");
            if (attributeName.startsWith("on")) {
                throw unsafe("it has an event handler (" + attribute.getNodeName() + ")");
            }
            if ((attributeName.equals("href") || attributeName.equals("src"))
                    && !(value.startsWith("#") || value.startsWith("data:image/png") || value.startsWith("data:image/jpeg"))) {
                throw unsafe("it links outside the image (" + attribute.getNodeName() + ")");
            }
            if (value.contains("javascript:")) {
                throw unsafe("it contains a javascript: address");
            }
        }
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                inspect(child);
            }
        }
    }

    private static ParleyException unsafe(String why) {
        return ParleyException.badRequest("SVG_UNSAFE", "This SVG cannot be used as a logo: " + why + ".");
    }
}
