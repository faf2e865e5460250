package dev.vbench.reports.profile;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A function of a profile: its symbol ({@code ???} for code without one), the object it is in,
 * and where its entry is in the source, when the debug info says ({@code file} empty and
 * {@code line} 0 otherwise).
 */
@JsonPropertyOrder({"name", "object", "file", "line"})
public record FunctionInfo(
        @JsonProperty("name") String name,
        @JsonProperty("object") String object,
        @JsonProperty("file") String file,
        @JsonProperty("line") int line) {

    public FunctionInfo {
        name = name == null ? "???" : name;
        object = object == null ? "???" : object;
        file = file == null ? "" : file;
    }

    /**
     * What identifies the function across two builds of a program: its name and its object's file
     * name (not its directory: two checkouts build the same program in different places).
     */
    @JsonIgnore
    public String key() {
        return objectName() + "\u0000" + name;
    }

    /** The object's file name without its directory. */
    @JsonIgnore
    public String objectName() {
        int slash = object.lastIndexOf('/');
        return slash < 0 ? object : object.substring(slash + 1);
    }

    /** {@code name} (file:line) [object], for people. */
    public String describe() {
        return name + (file.isEmpty() ? "" : " (" + file + (line > 0 ? ":" + line : "") + ")") + " [" + objectName() + "]";
    }
}
