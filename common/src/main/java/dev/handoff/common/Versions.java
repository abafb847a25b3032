package dev.handoff.common;

/** The pipeline version carried in provenance headers and decisions. */
public final class Versions {

    public static final String PIPELINE = "handoff/0.1.0";

    private Versions() {
    }
}
