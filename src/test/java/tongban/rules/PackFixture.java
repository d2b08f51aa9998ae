package tongban.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A copy of the shipped packs in a temporary folder, to break on purpose. */
public final class PackFixture {

    final Path dir;

    private PackFixture(Path dir) {
        this.dir = dir;
    }

    static PackFixture copyOfShippedPacks(Path target) {
        copy(Path.of("rules"), target);
        return new PackFixture(target);
    }

    /** Replaces the first occurrence of {@code from} in a pack file, failing if it is not there. */
    PackFixture replace(String file, String from, String to) {
        Path path = dir.resolve(file);
        try {
            String text = Files.readString(path);
            if (!text.contains(from)) {
                throw new IllegalArgumentException(file + " does not contain: " + from);
            }
            Files.writeString(path, text.replaceFirst(java.util.regex.Pattern.quote(from),
                    java.util.regex.Matcher.quoteReplacement(to)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    PackFixture restoreFromShipped() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        copy(Path.of("rules"), dir);
        return this;
    }

    /**
     * A zip of the shipped registration pack changed to promise its decision in one working day instead of on the
     * spot, its scenarios saying so: a later version that decides the same facts differently and passes its tests.
     */
    static byte[] oneDayRegistration(Path scratch) {
        String item = "individual-business-registration/";
        PackFixture pack = copyOfShippedPacks(scratch)
                .replace(item + "item.yaml", "timeLimit: { days: 0,", "timeLimit: { days: 1,")
                .replace(item + "tests/visits.yaml", "timeLimitWorkingDays: 0", "timeLimitWorkingDays: 1")
                .replace(item + "tests/visits.yaml", "timeLimitWorkingDays: 0", "timeLimitWorkingDays: 1")
                .replace(item + "tests/visits.yaml", "timeLimit: { days: 0,", "timeLimit: { days: 1,");
        return PackSource.read(pack.dir.resolve(item), "rules/" + item.substring(0, item.length() - 1)).toZip();
    }

    /**
     * A zip of the shipped residence-permit pack changed so that a first permit, which needs an in-person check, also
     * costs the replacement's 20 yuan, its fee scenario saying so: an item with both a fee and an in-person step.
     */
    public static byte[] paidFirstResidencePermit(Path scratch) {
        String item = "residence-permit/";
        PackFixture pack = copyOfShippedPacks(scratch)
                .replace(item + "fees.drl", "Form( this.text(\"applicationType\") == \"REPLACEMENT\" )",
                        "Form( this.text(\"applicationType\") != \"RENEWAL\" )")
                .replace(item + "tests/fees.yaml", "fee: 0", "fee: 20");
        return PackSource.read(pack.dir.resolve(item), "rules/" + item.substring(0, item.length() - 1)).toZip();
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
