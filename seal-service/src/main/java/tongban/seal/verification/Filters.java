package tongban.seal.verification;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import tongban.seal.verification.PdfObjects.Dict;
import tongban.seal.verification.PdfObjects.Name;
import tongban.seal.verification.PdfObjects.Stream;

/** Decoding of the few stream filters structure needs (FlateDecode with PNG predictors), with a size cap. */
final class Filters {

    /** No decoded stream may exceed this, so a compression bomb cannot exhaust memory. */
    static final int MAX_DECODED = 32 * 1024 * 1024;

    private Filters() {
    }

    static byte[] decode(Stream stream, long budget) throws MalformedPdfException {
        Object filter = stream.dict().get("Filter");
        byte[] data = stream.raw();
        if (filter == null) {
            return data;
        }
        Object parms = stream.dict().get("DecodeParms");
        if (filter instanceof List<?> list) {
            if (list.size() != 1) {
                throw new MalformedPdfException("unsupported filter chain " + list);
            }
            filter = list.get(0);
            if (parms instanceof List<?> p) {
                parms = p.isEmpty() ? null : p.get(0);
            }
        }
        if (!(filter instanceof Name name) || !name.value().equals("FlateDecode")) {
            throw new MalformedPdfException("unsupported filter " + filter);
        }
        byte[] inflated = inflate(data, Math.min(budget, MAX_DECODED));
        return parms instanceof Dict d ? unpredict(inflated, d) : inflated;
    }

    private static byte[] inflate(byte[] data, long limit) throws MalformedPdfException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length * 3));
            byte[] buffer = new byte[16384];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0) {
                    if (inflater.needsInput() || inflater.needsDictionary()) {
                        break;
                    }
                }
                out.write(buffer, 0, n);
                if (out.size() > limit) {
                    throw new MalformedPdfException("decoded streams exceed " + limit + " bytes");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new MalformedPdfException("corrupt FlateDecode data: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    private static byte[] unpredict(byte[] data, Dict parms) throws MalformedPdfException {
        long predictor = parms.get("Predictor") instanceof Long l ? l : 1;
        if (predictor == 1) {
            return data;
        }
        if (predictor < 10 || predictor > 15) {
            throw new MalformedPdfException("unsupported predictor " + predictor);
        }
        long columns = parms.get("Columns") instanceof Long l ? l : 1;
        long colors = parms.get("Colors") instanceof Long l ? l : 1;
        long bits = parms.get("BitsPerComponent") instanceof Long l ? l : 8;
        if (columns < 1 || columns > 1 << 16 || colors < 1 || colors > 4 || bits != 8) {
            throw new MalformedPdfException("unsupported predictor parameters");
        }
        int bpp = (int) colors;
        int rowLength = (int) (columns * colors);
        int rows = data.length / (rowLength + 1);
        byte[] out = new byte[rows * rowLength];
        byte[] previous = new byte[rowLength];
        for (int r = 0; r < rows; r++) {
            int in = r * (rowLength + 1);
            int type = data[in] & 0xff;
            int base = r * rowLength;
            for (int i = 0; i < rowLength; i++) {
                int x = data[in + 1 + i] & 0xff;
                int left = i >= bpp ? out[base + i - bpp] & 0xff : 0;
                int up = previous[i] & 0xff;
                int upLeft = i >= bpp ? previous[i - bpp] & 0xff : 0;
                int value;
                switch (type) {
                    case 0: value = x; break;
                    case 1: value = x + left; break;
                    case 2: value = x + up; break;
                    case 3: value = x + ((left + up) >>> 1); break;
                    case 4: value = x + paeth(left, up, upLeft); break;
                    default: throw new MalformedPdfException("bad PNG predictor row type " + type);
                }
                out[base + i] = (byte) value;
            }
            System.arraycopy(out, base, previous, 0, rowLength);
        }
        return out;
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
