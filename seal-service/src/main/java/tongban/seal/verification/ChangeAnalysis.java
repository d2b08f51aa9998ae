package tongban.seal.verification;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import tongban.seal.verification.PdfFile.Entry;
import tongban.seal.verification.PdfFile.Kind;
import tongban.seal.verification.PdfFile.Revision;
import tongban.seal.verification.PdfObjects.Dict;
import tongban.seal.verification.PdfObjects.Ref;
import tongban.seal.verification.PdfObjects.Stream;

/**
 * What each incremental update after a signed revision changed, compared object by object with the revision before
 * it. Allowed: validation data (the DSS and what it holds), document timestamps (a /DocTimeStamp signature field
 * with an invisible widget, appended to the form's fields and its page's annotations), the document information's
 * ModDate/Producer, and the catalog's /DSS and /Extensions entries. Anything else — page content, annotations, form
 * fields, freed, revived or redirected objects, a replaced catalog — is a disallowed change.
 */
final class ChangeAnalysis {

    /** One change, described for the report. */
    record Change(int revision, String description, boolean allowed) {
        String text() {
            return (allowed ? "" : "DISALLOWED: ") + "revision " + (revision + 1) + ": " + description;
        }
    }

    private static final Set<String> CATALOG_KEYS_ALLOWED = Set.of("DSS", "Extensions");
    private static final Set<String> INFO_KEYS_ALLOWED = Set.of("ModDate", "Producer");
    private static final Set<String> DSS_KEYS = Set.of("Type", "Certs", "CRLs", "OCSPs", "VRI");
    private static final int MAX_DSS_OBJECTS = 10_000;
    private static final Pattern VOLATILE_XMP = Pattern.compile(
            "(?:(pdf:Producer|xmp:ModifyDate|xmp:MetadataDate)=\"[^\"]*\""
                    + "|<(pdf:Producer|xmp:ModifyDate|xmp:MetadataDate)>[^<]*</\\2>)");

    private final PdfFile file;
    private final List<Change> changes = new ArrayList<>();

    private ChangeAnalysis(PdfFile file) {
        this.file = file;
    }

    /** Changes of every revision after {@code signedRevision}, oldest first. */
    static List<Change> after(PdfFile file, int signedRevision) throws MalformedPdfException {
        ChangeAnalysis analysis = new ChangeAnalysis(file);
        for (int r = signedRevision + 1; r < file.revisions.size(); r++) {
            analysis.revision(file.revisions.get(r));
        }
        return analysis.changes;
    }

    private void revision(Revision revision) throws MalformedPdfException {
        int r = revision.index();
        int before = r - 1;
        Dict oldTrailer = file.revisions.get(before).trailer();
        Dict newTrailer = revision.trailer();
        if (!Objects.equals(oldTrailer.get("Root"), newTrailer.get("Root"))) {
            disallow(r, "the document catalog was replaced");
        }
        long oldSize = oldTrailer.get("Size") instanceof Long l ? l : 0;
        Map<Integer, Entry> oldView = file.view(before);
        Roles roles = new Roles(before);
        boolean anyObject = false;
        for (Map.Entry<Integer, Entry> e : revision.entries().entrySet()) {
            int number = e.getKey();
            Entry entry = e.getValue();
            Entry previous = oldView.get(number);
            boolean existed = previous != null && previous.kind() != Kind.FREE;
            if (entry.kind() == Kind.FREE) {
                if (existed) {
                    disallow(r, "object " + number + " was freed (xref-only change)");
                }
                continue;
            }
            anyObject = true;
            if (!insideRevision(revision, entry)) {
                disallow(r, "object " + number + " was redirected to bytes outside this update");
                continue;
            }
            if (!existed) {
                if (number < oldSize && number != 0) {
                    disallow(r, "object " + number + " was brought back after being free");
                }
                continue;
            }
            Object oldValue = file.object(number, before);
            Object newValue = file.object(number, r);
            if (!oldValue.equals(newValue)) {
                modified(r, roles, number, oldValue, newValue);
            }
        }
        if (!anyObject) {
            allow(r, "an update with no objects");
        }
    }

    /** An object of an update must be written inside that update, before its xref section. */
    private boolean insideRevision(Revision revision, Entry entry) {
        if (entry.kind() == Kind.IN_USE) {
            return entry.first() >= revision.start() && entry.first() <= revision.xrefOffset();
        }
        Entry stream = revision.entries().get((int) Math.min(entry.first(), Integer.MAX_VALUE));
        return stream != null && stream.kind() == Kind.IN_USE && insideRevision(revision, stream);
    }

    private void modified(int r, Roles roles, int number, Object oldValue, Object newValue)
            throws MalformedPdfException {
        String what = "object " + number + " (" + PdfObjects.describe(oldValue) + ")";
        if (number == roles.catalog) {
            catalog(r, roles, (Dict) oldValue, newValue);
        } else if (roles.dss.contains(number)) {
            allow(r, "validation data (DSS) updated in " + what);
        } else if (number == roles.info && oldValue instanceof Dict o && newValue instanceof Dict n) {
            Set<String> keys = changedKeys(o, n);
            if (INFO_KEYS_ALLOWED.containsAll(keys)) {
                allow(r, "document information " + keys + " updated");
            } else {
                disallow(r, "document information changed: " + keys);
            }
        } else if (number == roles.metadata && oldValue instanceof Stream o && newValue instanceof Stream n) {
            if (sameMetadataButDates(o, n)) {
                allow(r, "XMP metadata Producer/ModifyDate updated");
            } else {
                disallow(r, "XMP metadata changed beyond Producer/ModifyDate");
            }
        } else if (number == roles.acroForm && oldValue instanceof Dict o) {
            acroForm(r, o, newValue);
        } else if (number == roles.fields && oldValue instanceof List<?> o) {
            appendedDocumentTimestamps(r, "form fields", o, newValue);
        } else if (oldValue instanceof Dict o && o.is("Type", "Page")) {
            page(r, number, o, newValue);
        } else if (oldValue instanceof List<?> o && roles.annotationArrays().contains(number)) {
            appendedDocumentTimestamps(r, "annotations", o, newValue);
        } else {
            disallow(r, what + " was modified");
        }
    }

    /** PDF writers refresh Producer and dates in the XMP of every update; anything else there is a change. */
    private boolean sameMetadataButDates(Stream oldStream, Stream newStream) throws MalformedPdfException {
        Set<String> keys = changedKeys(oldStream.dict(), newStream.dict());
        keys.removeAll(Set.of("Length", "Filter", "DecodeParms"));
        if (!keys.isEmpty()) {
            return false;
        }
        return withoutVolatileXmp(file.decode(oldStream)).equals(withoutVolatileXmp(file.decode(newStream)));
    }

    private static String withoutVolatileXmp(byte[] xmp) {
        return VOLATILE_XMP.matcher(new String(xmp, StandardCharsets.UTF_8)).replaceAll("");
    }

    private void catalog(int r, Roles roles, Dict oldCatalog, Object newValue) throws MalformedPdfException {
        if (!(newValue instanceof Dict newCatalog)) {
            disallow(r, "the document catalog is no longer a dictionary");
            return;
        }
        for (String key : changedKeys(oldCatalog, newCatalog)) {
            if (key.equals("DSS")) {
                checkDss(r, newCatalog.get("DSS"));
            } else if (CATALOG_KEYS_ALLOWED.contains(key)) {
                allow(r, "catalog /" + key + " updated");
            } else if (key.equals("AcroForm") && oldCatalog.get("AcroForm") instanceof Dict o) {
                acroForm(r, o, newCatalog.get("AcroForm"));
            } else {
                disallow(r, "catalog /" + key + " changed");
            }
        }
    }

    private void checkDss(int r, Object dssValue) throws MalformedPdfException {
        Dict dss = file.dict(dssValue, r);
        if (dss == null || !DSS_KEYS.containsAll(dss.entries.keySet())) {
            disallow(r, "catalog /DSS is not a validation-data dictionary");
        } else {
            allow(r, "added validation data (DSS)");
        }
    }

    private void acroForm(int r, Dict oldForm, Object newValue) throws MalformedPdfException {
        Dict newForm = file.dict(newValue, r);
        if (newForm == null) {
            disallow(r, "the interactive form was removed");
            return;
        }
        for (String key : changedKeys(oldForm, newForm)) {
            if (key.equals("Fields")) {
                Object oldFields = file.resolve(oldForm.get("Fields"), r - 1);
                appendedDocumentTimestamps(r, "form fields", oldFields instanceof List<?> l ? l : List.of(),
                        newForm.get("Fields"));
            } else if (key.equals("SigFlags") && newForm.get("SigFlags") instanceof Long flags
                    && (flags == 1 || flags == 3)) {
                allow(r, "form /SigFlags set");
            } else {
                disallow(r, "interactive form /" + key + " changed");
            }
        }
    }

    private void page(int r, int number, Dict oldPage, Object newValue) throws MalformedPdfException {
        if (!(newValue instanceof Dict newPage)) {
            disallow(r, "page object " + number + " replaced");
            return;
        }
        for (String key : changedKeys(oldPage, newPage)) {
            if (key.equals("Annots") && !(oldPage.get("Annots") instanceof Ref)) {
                Object oldAnnots = oldPage.get("Annots");
                appendedDocumentTimestamps(r, "annotations of page object " + number,
                        oldAnnots instanceof List<?> l ? l : List.of(), newPage.get("Annots"));
            } else {
                disallow(r, "page object " + number + " /" + key + " changed");
            }
        }
    }

    /** The new array must be the old one plus invisible document-timestamp fields/widgets. */
    private void appendedDocumentTimestamps(int r, String what, List<?> oldList, Object newValue)
            throws MalformedPdfException {
        Object resolved = file.resolve(newValue, r);
        if (!(resolved instanceof List<?> newList) || newList.size() < oldList.size()
                || !newList.subList(0, oldList.size()).equals(oldList)) {
            disallow(r, what + " were changed, not only appended to");
            return;
        }
        for (Object added : newList.subList(oldList.size(), newList.size())) {
            String problem = documentTimestampField(added, r);
            if (problem != null) {
                disallow(r, what + ": added " + problem);
                return;
            }
        }
        if (newList.size() > oldList.size()) {
            allow(r, "added a document timestamp to the " + what);
        }
    }

    /** Null when {@code value} is an invisible document-timestamp field (merged with its widget), else why not. */
    private String documentTimestampField(Object value, int r) throws MalformedPdfException {
        if (!(value instanceof Ref ref) || !isNew(ref.number(), r)) {
            return "an existing object";
        }
        Dict field = file.dict(value, r);
        if (field == null || !field.is("FT", "Sig")) {
            return "something other than a signature field (" + PdfObjects.describe(field) + ")";
        }
        Dict signature = file.dict(field.get("V"), r);
        if (signature == null || !signature.is("Type", "DocTimeStamp")) {
            return "a signature that is not a document timestamp";
        }
        if (field.get("Rect") instanceof List<?> rect && rect.size() == 4) {
            double width = Math.abs(number(rect.get(2)) - number(rect.get(0)));
            double height = Math.abs(number(rect.get(3)) - number(rect.get(1)));
            boolean hidden = field.get("F") instanceof Long f && (f & 2) != 0;
            if (width > 0 && height > 0 && !hidden) {
                return "a visible document timestamp widget";
            }
        }
        return null;
    }

    private boolean isNew(int number, int r) {
        Entry before = file.view(r - 1).get(number);
        return before == null || before.kind() == Kind.FREE;
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static Set<String> changedKeys(Dict a, Dict b) {
        Set<String> keys = new HashSet<>(a.entries.keySet());
        keys.addAll(b.entries.keySet());
        keys.removeIf(k -> Objects.equals(a.get(k), b.get(k)));
        return keys;
    }

    private void allow(int r, String description) {
        changes.add(new Change(r, description, true));
    }

    private void disallow(int r, String description) {
        changes.add(new Change(r, description, false));
    }

    /** What the objects of the revision before an update are, as far as allowed changes care. */
    private final class Roles {
        final int revision;
        final int catalog;
        final int info;
        final int acroForm;
        final int fields;
        final int metadata;
        final Set<Integer> dss = new HashSet<>();
        private Set<Integer> annotationArrays;

        Roles(int revision) throws MalformedPdfException {
            this.revision = revision;
            Dict trailer = file.revisions.get(revision).trailer();
            catalog = refNumber(trailer.get("Root"));
            info = refNumber(trailer.get("Info"));
            Dict root = file.dict(trailer.get("Root"), revision);
            if (root == null) {
                throw new MalformedPdfException("the signed revision has no catalog");
            }
            acroForm = refNumber(root.get("AcroForm"));
            metadata = refNumber(root.get("Metadata"));
            Dict form = file.dict(root.get("AcroForm"), revision);
            fields = form == null ? -1 : refNumber(form.get("Fields"));
            collectDss(root.get("DSS"), 0);
        }

        private void collectDss(Object value, int depth) throws MalformedPdfException {
            if (depth > 4 || dss.size() > MAX_DSS_OBJECTS) {
                return;
            }
            if (value instanceof Ref ref) {
                if (!dss.add(ref.number())) {
                    return;
                }
                value = file.object(ref.number(), revision);
            }
            if (value instanceof Dict d) {
                for (Object v : d.entries.values()) {
                    collectDss(v, depth + 1);
                }
            } else if (value instanceof List<?> list) {
                for (Object v : list) {
                    collectDss(v, depth + 1);
                }
            }
        }

        /** Object numbers of /Annots arrays that pages refer to indirectly. */
        Set<Integer> annotationArrays() throws MalformedPdfException {
            if (annotationArrays == null) {
                annotationArrays = new HashSet<>();
                Dict root = file.dict(file.revisions.get(revision).trailer().get("Root"), revision);
                walkPages(root.get("Pages"), new HashSet<>(), 0);
            }
            return annotationArrays;
        }

        private void walkPages(Object node, Set<Integer> seen, int depth) throws MalformedPdfException {
            if (!(node instanceof Ref ref) || !seen.add(ref.number()) || depth > PdfParser.MAX_DEPTH) {
                return;
            }
            Dict dict = file.dict(node, revision);
            if (dict == null) {
                return;
            }
            if (dict.get("Annots") instanceof Ref annots) {
                annotationArrays.add(annots.number());
            }
            if (file.resolve(dict.get("Kids"), revision) instanceof List<?> kids) {
                for (Object kid : kids) {
                    walkPages(kid, seen, depth + 1);
                }
            }
        }

        private int refNumber(Object value) {
            return value instanceof Ref ref ? ref.number() : -1;
        }
    }

}
