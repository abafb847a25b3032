package dev.handoff.router.resolution;

import dev.handoff.avro.FieldResult;
import dev.handoff.avro.Notice;
import java.util.List;

/** A resolved field and the reasons (routing) and warnings (not routing) its resolution raised. */
public record Resolved(FieldResult field, List<Notice> reasons, List<Notice> warnings) {

    public Resolved {
        reasons = List.copyOf(reasons);
        warnings = List.copyOf(warnings);
    }

    public static Resolved of(final FieldResult field) {
        return new Resolved(field, List.of(), List.of());
    }
}
