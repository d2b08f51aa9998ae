package tongban.portal;

import jakarta.servlet.http.HttpServletResponse;

/** The portal's "page not found": also for another login's draft or application, whose existence it never reveals. */
final class NotFound {

    private NotFound() {
    }

    static String page(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "portal/not-found";
    }
}
