package dev.handoff.common;

import dev.handoff.core.Hashing;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/**
 * An {@link AttachmentStore} on a directory (local in the embedded default, a shared mount when the
 * services run on several machines): {@code <dir>/ab/cd/<sha256>}, written atomically.
 * URIs are {@code sha256:<hex>} so they stay valid whichever machine mounts the directory where.
 */
public final class DirectoryAttachmentStore implements AttachmentStore {

    private static final Pattern SHA = Pattern.compile("[0-9a-f]{64}");
    private final Path root;

    public DirectoryAttachmentStore(final Path root) {
        this.root = root;
    }

    @Override
    public URI put(final byte[] bytes) throws IOException {
        final String sha = Hashing.sha256Hex(bytes);
        final Path target = path(sha);
        if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            final Path tmp = Files.createTempFile(target.getParent(), sha, ".part");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (final AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return URI.create("sha256:" + sha);
    }

    @Override
    public byte[] get(final URI uri) throws IOException {
        final String sha = uri.getSchemeSpecificPart();
        if (!"sha256".equals(uri.getScheme()) || !SHA.matcher(sha).matches()) {
            throw new IOException("not an attachment URI: " + uri);
        }
        final byte[] bytes = Files.readAllBytes(path(sha));
        if (!Hashing.sha256Hex(bytes).equals(sha)) {
            throw new IOException("attachment " + sha + " is corrupt (hash mismatch)");
        }
        return bytes;
    }

    private Path path(final String sha) {
        return root.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
    }
}
