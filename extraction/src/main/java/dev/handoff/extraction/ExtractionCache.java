package dev.handoff.extraction;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.Candidate;
import dev.handoff.core.Hashing;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Remembers extraction results by content, so identical bytes under the same artifact id and kind
 * hint are never parsed twice, not even when two threads ask at once. Bounded by weight: a result
 * weighs one unit plus one per 64 K characters of candidate text it holds.
 */
public final class ExtractionCache {

    private static final int CHARS_PER_UNIT = 64 * 1024;

    /** Cache key: content hash plus what makes the same bytes read differently. */
    public record Key(String sha256, String artifactId, ArtifactKind kindHint) {

        public static Key of(final ArtifactInput input) {
            final byte[] bytes = input.bytes() == null ? new byte[0] : input.bytes();
            return new Key(Hashing.sha256Hex(bytes), input.artifactId(), input.kindHint());
        }
    }

    /** Counters for metrics and tests. */
    public record Stats(long hits, long misses, long entries) {
    }

    private final AsyncCache<Key, ExtractionResult> cache;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** @param maxWeight capacity in weight units (about one per ordinary artifact) */
    public ExtractionCache(final long maxWeight) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(Math.max(1, maxWeight))
                .weigher((final Key k, final ExtractionResult v) -> weight(v))
                .buildAsync();
    }

    /**
     * The cached result for this input, or the loader's result, computed on the calling thread
     * once per key; concurrent callers with the same key wait for that one computation.
     */
    public ExtractionResult get(final ArtifactInput input, final Function<ArtifactInput, ExtractionResult> loader) {
        final Key key = Key.of(input);
        final CompletableFuture<ExtractionResult> mine = new CompletableFuture<>();
        final CompletableFuture<ExtractionResult> existing = cache.asMap().putIfAbsent(key, mine);
        if (existing != null) {
            hits.increment();
            try {
                return existing.join();
            } catch (final CompletionException e) {
                // The other computation failed and was dropped; compute our own.
                return loader.apply(input);
            }
        }
        misses.increment();
        try {
            final ExtractionResult result = loader.apply(input);
            mine.complete(result);
            return result;
        } catch (final RuntimeException | Error e) {
            mine.completeExceptionally(e);
            cache.asMap().remove(key, mine);
            throw e;
        }
    }

    public Stats stats() {
        return new Stats(hits.sum(), misses.sum(), cache.synchronous().estimatedSize());
    }

    private static int weight(final ExtractionResult result) {
        long chars = 0;
        for (final Candidate c : result.candidates()) {
            chars += c.getValue().length() + c.getEvidence().getExcerpt().length();
        }
        return (int) Math.min(Integer.MAX_VALUE, 1 + chars / CHARS_PER_UNIT);
    }
}
