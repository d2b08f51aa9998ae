package tongban.web;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pages' Chinese font of last resort: the certificates' Noto Sans SC subset (GB 2312, SIL OFL 1.1). The style
 * sheet names it after the system's Chinese fonts and only for CJK code points, so a phone or PC with a Chinese font
 * never downloads it; a machine without one (a bare Linux, a kiosk) draws characters instead of empty boxes.
 */
@RestController
class SiteFont {

    static final String PATH = "/site/noto-sans-sc.ttf";
    private final Resource font;

    SiteFont(@Value("${tongban.templates.dir:templates}") Path templates) {
        this.font = new FileSystemResource(templates.resolve("fonts/NotoSansSC-Regular-subset.ttf"));
    }

    @GetMapping(PATH)
    ResponseEntity<Resource> font() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("font/ttf"))
                .cacheControl(CacheControl.maxAge(Duration.ofDays(30)).cachePublic()).body(font);
    }
}
