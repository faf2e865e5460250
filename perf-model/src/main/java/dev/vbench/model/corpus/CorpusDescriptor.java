package dev.vbench.model.corpus;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The corpus descriptor (corpus.json beside the sources): the workload kinds, how each language is
 * built and run (argv templates with {placeholders}), and the sizes of each kind.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CorpusDescriptor(
        @JsonProperty("schema") String schema,
        @JsonProperty("shared_sources") List<String> sharedSources,
        @JsonProperty("build") Map<String, List<String>> build,
        @JsonProperty("run") Map<String, List<String>> run,
        @JsonProperty("kinds") List<Kind> kinds) {

    public static final String SCHEMA = "vbench.corpus/1";
    /** Kinds and sources become file names in the build directory: no separators, no "..". */
    private static final java.util.regex.Pattern SAFE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Kind(
            @JsonProperty("kind") String kind,
            @JsonProperty("language") String language,
            @JsonProperty("source") String source,
            @JsonProperty("main_class") String mainClass,
            @JsonProperty("sizes") List<Long> sizes) {}

    /**
     * The same corpus with only the kinds named (all if {@code kinds} is null), in this corpus's
     * order, each with at most its {@code sizes} smallest sizes (all if null).
     *
     * @throws IllegalArgumentException naming a kind this corpus does not have
     */
    public CorpusDescriptor select(java.util.Collection<String> kinds, Integer sizes) {
        if (kinds != null) {
            java.util.Set<String> known = new java.util.LinkedHashSet<>();
            this.kinds.forEach(k -> known.add(k.kind()));
            for (String k : kinds) {
                if (!known.contains(k)) {
                    throw new IllegalArgumentException("the corpus has no kind '" + k + "'; its kinds are "
                            + String.join(", ", known));
                }
            }
        }
        if (sizes != null && sizes < 1) {
            throw new IllegalArgumentException("a kind needs at least one size, not " + sizes);
        }
        List<Kind> chosen = new java.util.ArrayList<>();
        for (Kind k : this.kinds) {
            if (kinds == null || kinds.contains(k.kind())) {
                List<Long> s = sizes == null || sizes >= k.sizes().size() ? k.sizes() : k.sizes().subList(0, sizes);
                chosen.add(new Kind(k.kind(), k.language(), k.source(), k.mainClass(), List.copyOf(s)));
            }
        }
        return new CorpusDescriptor(schema, sharedSources, build, run, chosen);
    }

    /** Throws IllegalArgumentException naming the first thing that is wrong. */
    public void validate() {
        if (!SCHEMA.equals(schema)) {
            throw new IllegalArgumentException("corpus schema is '" + schema + "', expected " + SCHEMA);
        }
        if (kinds == null || kinds.isEmpty() || build == null || run == null || sharedSources == null) {
            throw new IllegalArgumentException("corpus descriptor needs kinds, shared_sources, build and run");
        }
        for (String shared : sharedSources) {
            if (!SAFE_NAME.matcher(shared).matches()) {
                throw new IllegalArgumentException("corpus shared source '" + shared + "' is not a plain file name");
            }
        }
        for (Kind k : kinds) {
            if (k.kind() == null || k.source() == null || k.sizes() == null || k.sizes().isEmpty()) {
                throw new IllegalArgumentException("corpus kind " + k.kind() + " needs a source and sizes");
            }
            if (!SAFE_NAME.matcher(k.kind()).matches() || !SAFE_NAME.matcher(k.source()).matches()) {
                throw new IllegalArgumentException("corpus kind '" + k.kind() + "' or its source '" + k.source()
                        + "' is not a plain file name (letters, digits, '.', '_', '-')");
            }
            if (!build.containsKey(k.language()) || !run.containsKey(k.language())) {
                throw new IllegalArgumentException("corpus kind " + k.kind() + ": no build or run command for language '" + k.language() + "'");
            }
            for (int i = 1; i < k.sizes().size(); i++) {
                if (k.sizes().get(i) <= k.sizes().get(i - 1)) {
                    throw new IllegalArgumentException("corpus kind " + k.kind() + ": sizes must increase, got " + k.sizes());
                }
            }
            if (k.sizes().get(0) <= 0) {
                throw new IllegalArgumentException("corpus kind " + k.kind() + ": sizes must be positive");
            }
        }
    }
}
