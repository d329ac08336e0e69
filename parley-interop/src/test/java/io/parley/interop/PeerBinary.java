package io.parley.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the executable of a SIP peer installed from a Debian package.
 *
 * <p>Under {@code CI=true} a missing peer fails the test, because {@code ./run-tests} installs every
 * peer there and a missing one means the installation is broken. Elsewhere the test is aborted with
 * an assumption that names the package to install, so a developer without root can still run the
 * other tests.
 */
final class PeerBinary {

    /** Directories searched after {@code PATH}: Debian installs daemons such as kamailio to sbin. */
    private static final List<String> EXTRA_DIRECTORIES = List.of("/usr/sbin", "/usr/local/sbin", "/sbin");

    private PeerBinary() {
    }

    /**
     * Returns the path of {@code command}, or ends the test as described in the class comment.
     *
     * @param command       the executable name, for example {@code kamailio}
     * @param debianPackage the Debian package that installs it, named in the failure message
     */
    static Path require(String command, String debianPackage) {
        return require(command, debianPackage, isContinuousIntegration());
    }

    /** Returns the path of {@code command}, treating a missing one as under CI when the flag is set. */
    static Path require(String command, String debianPackage, boolean continuousIntegration) {
        Optional<Path> found = find(command);
        if (found.isPresent()) {
            return found.get();
        }

        String problem = "'" + command + "' was not found on PATH or in " + EXTRA_DIRECTORIES;
        return missing(continuousIntegration, problem, debianPackage);
    }

    /**
     * Returns the first existing file among {@code candidates}, or ends the test as described in
     * the class comment; for files other than executables, such as Kamailio modules.
     */
    static Path requireFile(List<Path> candidates, String debianPackage) {
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return missing(isContinuousIntegration(), "none of " + candidates + " exists", debianPackage);
    }

    private static Path missing(boolean continuousIntegration, String problem, String debianPackage) {
        String message = problem + "; install the Debian package '" + debianPackage
                + "' (./run-tests does so when run as root)";
        if (continuousIntegration) {
            return fail(message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable: Assumptions.abort always throws");
    }

    static Optional<Path> find(String command) {
        List<String> directories = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            directories.addAll(List.of(path.split(File.pathSeparator)));
        }
        directories.addAll(EXTRA_DIRECTORIES);

        for (String directory : directories) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static boolean isContinuousIntegration() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
