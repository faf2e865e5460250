import java.util.ArrayList;
import java.util.List;

/**
 * A small multithreaded Java program: WORKERS threads (default 3) take turns on one lock to add to
 * a shared total, then are joined. With the JVM's own threads (19 under vbench, which shows the
 * guest 4 CPUs) the process has 22. Usage: java Threads [WORKERS] [ROUNDS]
 */
public final class Threads {
    private static long total;

    public static void main(String[] args) throws InterruptedException {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        Object lock = new Object();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int id = w;
            Thread t = new Thread(() -> {
                for (int i = 0; i < rounds; i++) {
                    synchronized (lock) {
                        total += (long) id * i % 7;
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println(total);
    }
}
