package dev.handoff.common;

import java.io.IOException;
import java.net.URI;

/**
 * Content-addressed artifact bytes (the claim-check store): events carry a {@code storeUri} and a
 * sha256, never the bytes. A local or shared directory today; an object store can implement the same.
 */
public interface AttachmentStore {

    /** Stores the bytes under their sha256 (idempotent) and returns the URI to fetch them by. */
    URI put(byte[] bytes) throws IOException;

    /** The bytes behind a URI returned by {@link #put}; verifies their sha256. */
    byte[] get(URI uri) throws IOException;

    /** The store for a configuration: a directory ({@code handoff.attachments.dir}). */
    static AttachmentStore from(final HandoffConfig config) {
        return new DirectoryAttachmentStore(java.nio.file.Path.of(config.get(HandoffConfig.ATTACHMENTS_DIR)));
    }
}
