package tongban.documents;

import com.itextpdf.html2pdf.attach.ITagWorker;
import com.itextpdf.html2pdf.attach.ProcessorContext;
import com.itextpdf.html2pdf.attach.impl.DefaultTagWorkerFactory;
import com.itextpdf.html2pdf.attach.impl.tags.DivTagWorker;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.canvas.PdfCanvas;
import com.itextpdf.layout.element.Div;
import com.itextpdf.layout.renderer.DivRenderer;
import com.itextpdf.layout.renderer.DrawContext;
import com.itextpdf.layout.renderer.IRenderer;
import com.itextpdf.styledxmlparser.node.IElementNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The two elements of a template that code fills in, placed and sized by the template's CSS alone:
 * {@code <div id="qr">} gets the QR code drawn as vector squares (sharp at any zoom, nothing to decode
 * or re-encode), and {@code <div id="seal">} is measured, so the sealer puts the seal where the CSS says.
 * One per rendering.
 */
final class TemplateElements extends DefaultTagWorkerFactory {

    static final String SEAL_ID = "seal";
    static final String QR_ID = "qr";

    private final QrCode qr;
    private final List<SealPosition> seals = new ArrayList<>();
    private int qrCodes;

    TemplateElements(QrCode qr) {
        this.qr = qr;
    }

    @Override
    public ITagWorker getCustomTagWorker(IElementNode tag, ProcessorContext context) {
        if (!"div".equals(tag.name())) {
            return super.getCustomTagWorker(tag, context);
        }
        if (SEAL_ID.equals(tag.getAttribute("id"))) {
            return worker(tag, context, SealRenderer::new);
        }
        if (QR_ID.equals(tag.getAttribute("id"))) {
            return worker(tag, context, QrRenderer::new);
        }
        return super.getCustomTagWorker(tag, context);
    }

    private static ITagWorker worker(IElementNode tag, ProcessorContext context, Function<Div, DivRenderer> renderer) {
        return new DivTagWorker(tag, context) {
            @Override
            public void processEnd(IElementNode element, ProcessorContext processorContext) {
                super.processEnd(element, processorContext);
                if (getElementResult() instanceof Div div) {
                    div.setNextRenderer(renderer.apply(div));
                }
            }
        };
    }

    /** The one seal rectangle drawn, after checking that the QR code was drawn once too. */
    SealPosition seal(String template) {
        if (seals.size() != 1 || qrCodes != 1) {
            throw new InvalidTemplate(template + ": must place exactly one <div id=\"seal\"> and one <div id=\"qr\">"
                    + " on the page; found " + seals.size() + " and " + qrCodes
                    + " (an empty div needs a width and height to be drawn)");
        }
        return seals.get(0);
    }

    private final class SealRenderer extends DivRenderer {
        SealRenderer(Div div) {
            super(div);
        }

        // drawBorder runs while relative positioning is applied, so the box is where it is drawn
        @Override
        public void drawBorder(DrawContext context) {
            super.drawBorder(context);
            Rectangle box = getBorderAreaBBox();
            seals.add(new SealPosition(getOccupiedArea().getPageNumber(), box.getX(), box.getY(),
                    box.getWidth(), box.getHeight()));
        }

        @Override
        public IRenderer getNextRenderer() {
            return new SealRenderer((Div) modelElement);
        }
    }

    private final class QrRenderer extends DivRenderer {
        QrRenderer(Div div) {
            super(div);
        }

        @Override
        public void drawChildren(DrawContext context) {
            super.drawChildren(context);
            Rectangle box = getInnerAreaBBox();
            float side = Math.min(box.getWidth(), box.getHeight());
            float module = side / qr.size();
            float left = box.getX() + (box.getWidth() - side) / 2;
            float top = box.getY() + (box.getHeight() + side) / 2;
            PdfCanvas canvas = context.getCanvas().saveState().setFillColorGray(0);
            for (int y = 0; y < qr.size(); y++) {
                // one rectangle per run of dark modules keeps the content stream small
                for (int x = 0; x < qr.size(); x++) {
                    int start = x;
                    while (x < qr.size() && qr.dark(x, y)) {
                        x++;
                    }
                    if (x > start) {
                        canvas.rectangle(left + start * module, top - (y + 1) * module, (x - start) * module, module);
                    }
                }
            }
            canvas.fill().restoreState();
            qrCodes++;
        }

        @Override
        public IRenderer getNextRenderer() {
            return new QrRenderer((Div) modelElement);
        }
    }
}
