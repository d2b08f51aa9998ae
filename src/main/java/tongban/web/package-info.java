/**
 * The pages' shell (页面框架): what every server-rendered page of the portal and the workbenches shares. A page
 * controller is annotated {@link tongban.web.PageController}; its templates use the layout
 * ({@code templates/layout.html}: {@code <html th:replace="~{layout :: page(~{::title}, ~{::main})}">}), which draws
 * the header (brand, navigation, the other language, sign-in or sign-out), the skip link and the footer. The model
 * always holds {@code lang} (BCP 47 tag), {@code langQuery} ({@code ""} or {@code "?lang=en"}, to keep on links),
 * {@code otherLanguage} (this page in the other language) and {@code signedIn}/{@code userName}. Texts are
 * {@code #{key}} from {@code i18n/pages*.properties} (Chinese is the base file, English {@code _en}); every key
 * exists in both (checked by a test). Pages send a strict Content-Security-Policy: scripts, styles and fonts only
 * from this origin, no inline script or style, so htmx ({@code /webjars/htmx.org/2.0.4/dist/htmx.min.js}) is
 * loaded as a file and configured by a meta tag. Every journey must work without JavaScript.
 */
package tongban.web;
