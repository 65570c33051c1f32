import java.nio.file.Path;
import java.util.Arrays;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.LoaderOptions;
import org.imageclustering.loader.datasets.FashionMnistLoader;

/** Times FashionMnistLoader on the full dataset: median of REPEATS loads (train + test), after one warm-up. */
public class LoaderTiming {
    public static void main(String[] args) throws Exception {
        Path path = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        new FashionMnistLoader().load(LoaderOptions.at(path));
        double[] ms = new double[repeats];
        DatasetSplits s = null;
        for (int r = 0; r < repeats; r++) {
            long t = System.nanoTime();
            s = new FashionMnistLoader().load(LoaderOptions.at(path));
            ms[r] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("java  fashion-mnist train %d + test %d rows: median %.0f ms (min %.0f, max %.0f) over %d loads%n",
                s.train().size(), s.test().size(), ms[repeats / 2], ms[0], ms[repeats - 1], repeats);
    }
}
