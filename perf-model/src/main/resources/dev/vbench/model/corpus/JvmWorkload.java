import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JVM workload for the calibration corpus: boxing, hash maps, string building and sorting, so the
 * interpreter, the JIT compilers and the garbage collector all run. SIZE: number of records.
 */
public final class JvmWorkload {
    public static void main(String[] args) {
        if (args.length != 1 || !args[0].matches("[1-9][0-9]*")) {
            System.err.println("usage: JvmWorkload SIZE");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        Map<String, Integer> counts = new HashMap<>();
        List<String> keys = new ArrayList<>();
        long state = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < n; i++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            String key = new StringBuilder("k").append(Long.toHexString(state & 0xFFFFF)).toString();
            counts.merge(key, 1, Integer::sum);
            keys.add(key);
        }
        keys.sort(null);
        long sum = 0;
        for (String key : keys) {
            sum += counts.get(key) * (long) key.length();
        }
        System.out.println("jvm_workload " + sum + " " + counts.size());
    }
}
