package tongban.seal;

import eu.europa.esig.dss.cms.CMS;
import eu.europa.esig.dss.cms.object.CMSObjectUtils;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.spi.DSSUtils;
import java.util.Arrays;

/**
 * DSS 6.4 is built against Bouncy Castle 1.83, whose CMS parser ignored the zero padding that follows the CMS in a
 * PDF's /Contents; the project pins 1.85, which rejects it ("Extra data detected in stream"). This test-only
 * service (registered ahead of dss-cms-object's) cuts the padding at the DER length before DSS parses, restoring
 * 1.83's behaviour without changing what is verified.
 */
public class PaddingTolerantCmsUtils extends CMSObjectUtils {

    @Override
    public CMS parseToCMS(byte[] bytes) {
        return super.parseToCMS(withoutPadding(bytes));
    }

    @Override
    public CMS parseToCMS(DSSDocument document) {
        return parseToCMS(DSSUtils.toByteArray(document));
    }

    private static byte[] withoutPadding(byte[] der) {
        if (der.length < 2 || der[0] != 0x30) {
            return der;
        }
        int first = der[1] & 0xff;
        long length;
        int header;
        if (first < 0x80) {
            length = first;
            header = 2;
        } else {
            int n = first & 0x7f;
            if (n == 0 || n > 4 || der.length < 2 + n) {
                return der;
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = (length << 8) | (der[2 + i] & 0xff);
            }
            header = 2 + n;
        }
        long total = header + length;
        return total < der.length ? Arrays.copyOf(der, (int) total) : der;
    }
}
