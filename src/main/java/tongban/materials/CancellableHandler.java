package tongban.materials;

import java.io.InterruptedIOException;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.apache.tika.sax.ContentHandlerDecorator;

/** Stops a parse whose inspection was cancelled at its next piece of output (PDF text comes from memory). */
final class CancellableHandler extends ContentHandlerDecorator {

    CancellableHandler(ContentHandler handler) {
        super(handler);
    }

    @Override
    public void startElement(String uri, String localName, String name, Attributes atts) throws SAXException {
        checkInterrupt();
        super.startElement(uri, localName, name, atts);
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        checkInterrupt();
        super.characters(ch, start, length);
    }

    private static void checkInterrupt() throws SAXException {
        try {
            GuardedStream.checkInterrupt();
        } catch (InterruptedIOException e) {
            throw new SAXException(e);
        }
    }
}
