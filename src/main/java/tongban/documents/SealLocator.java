package tongban.documents;

import com.itextpdf.html2pdf.attach.ITagWorker;
import com.itextpdf.html2pdf.attach.ProcessorContext;
import com.itextpdf.html2pdf.attach.impl.DefaultTagWorkerFactory;
import com.itextpdf.html2pdf.attach.impl.tags.DivTagWorker;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.layout.element.Div;
import com.itextpdf.layout.renderer.DivRenderer;
import com.itextpdf.layout.renderer.DrawContext;
import com.itextpdf.layout.renderer.IRenderer;
import com.itextpdf.styledxmlparser.node.IElementNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds where the template's {@code <div id="seal">} lands on the page, so the seal position is whatever
 * the template's CSS says, with no second copy of it in code or configuration. One per rendering.
 */
final class SealLocator extends DefaultTagWorkerFactory {

    static final String SEAL_ID = "seal";

    private final List<SealPosition> found = new ArrayList<>();

    @Override
    public ITagWorker getCustomTagWorker(IElementNode tag, ProcessorContext context) {
        if ("div".equals(tag.name()) && SEAL_ID.equals(tag.getAttribute("id"))) {
            return new DivTagWorker(tag, context) {
                @Override
                public void processEnd(IElementNode element, ProcessorContext processorContext) {
                    super.processEnd(element, processorContext);
                    if (getElementResult() instanceof Div div) {
                        div.setNextRenderer(new Recorder(div));
                    }
                }
            };
        }
        return super.getCustomTagWorker(tag, context);
    }

    /** The one seal rectangle the rendering drew, or an {@link InvalidTemplate} naming what is wrong. */
    SealPosition position(String template) {
        if (found.size() != 1) {
            throw new InvalidTemplate(template + ": must place exactly one <div id=\"seal\"> on the page; found "
                    + found.size() + " (an empty div needs a width and height to be drawn)");
        }
        return found.get(0);
    }

    private final class Recorder extends DivRenderer {
        Recorder(Div div) {
            super(div);
        }

        // drawBorder runs while relative positioning is applied, so the box is where it is drawn
        @Override
        public void drawBorder(DrawContext context) {
            super.drawBorder(context);
            Rectangle box = getBorderAreaBBox();
            found.add(new SealPosition(getOccupiedArea().getPageNumber(), box.getX(), box.getY(),
                    box.getWidth(), box.getHeight()));
        }

        @Override
        public IRenderer getNextRenderer() {
            return new Recorder((Div) modelElement);
        }
    }
}
