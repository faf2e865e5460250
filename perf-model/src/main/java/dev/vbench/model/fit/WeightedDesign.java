package dev.vbench.model.fit;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * A {@link FitProblem} turned into an unweighted problem A s ~ b that solvers work on: each row is
 * multiplied by sqrt(weight), and each column divided by its norm. Counts differ by ten orders of
 * magnitude between features (instructions against processes), and without the column scaling a
 * rank threshold or a gradient tolerance would be meaningless. Coefficients in the original units
 * are s_j / scale_j. A column that is zero in every row cannot be estimated: it is flagged, not scaled.
 */
final class WeightedDesign {
    /** Diagonal entries of R below this (columns have unit norm) mean linearly dependent columns. */
    static final double RANK_TOLERANCE = 1e-10;

    final FitProblem problem;
    final RealMatrix a;
    final RealVector b;
    final double[] scale;
    final boolean[] zeroColumn;

    WeightedDesign(FitProblem problem) {
        this.problem = problem;
        int n = problem.rows(), k = problem.columns();
        double[][] x = problem.x();
        double[] y = problem.y();
        double[][] rows = new double[n][k];
        double[] rhs = new double[n];
        for (int i = 0; i < n; i++) {
            double root = Math.sqrt(problem.weighting().weight(y[i]));
            rhs[i] = root * y[i];
            for (int j = 0; j < k; j++) {
                rows[i][j] = root * x[i][j];
            }
        }
        scale = new double[k];
        zeroColumn = new boolean[k];
        for (int j = 0; j < k; j++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += rows[i][j] * rows[i][j];
            }
            double norm = Math.sqrt(sum);
            zeroColumn[j] = norm == 0;
            scale[j] = norm == 0 ? 1 : norm;
            for (int i = 0; i < n; i++) {
                rows[i][j] /= scale[j];
            }
        }
        a = new Array2DRowRealMatrix(rows, false);
        b = new ArrayRealVector(rhs, false);
    }

    static int count(boolean[] mask) {
        int count = 0;
        for (boolean m : mask) {
            count += m ? 1 : 0;
        }
        return count;
    }

    /** The columns whose mask entry is true, in order; at least one must be. */
    RealMatrix columns(boolean[] mask) {
        int[] selected = new int[count(mask)];
        for (int j = 0, s = 0; j < mask.length; j++) {
            if (mask[j]) {
                selected[s++] = j;
            }
        }
        int[] allRows = new int[a.getRowDimension()];
        for (int i = 0; i < allRows.length; i++) {
            allRows[i] = i;
        }
        return a.getSubMatrix(allRows, selected);
    }

    /**
     * Least-squares solution on the masked columns, or null when they are linearly dependent.
     * Entries outside the mask are zero; the result is in scaled units.
     */
    double[] solveOn(boolean[] mask) {
        RealMatrix sub = columns(mask);
        QRDecomposition qr = new QRDecomposition(sub, RANK_TOLERANCE);
        if (!qr.getSolver().isNonSingular()) {
            return null;
        }
        double[] part = qr.getSolver().solve(b).toArray();
        double[] full = new double[mask.length];
        for (int j = 0, s = 0; j < mask.length; j++) {
            if (mask[j]) {
                full[j] = part[s++];
            }
        }
        return full;
    }

    /**
     * diag((A_F^T A_F)^-1) for the masked columns, through R of a QR decomposition (better
     * conditioned than inverting A^T A), in scaled units; entries outside the mask are NaN.
     */
    double[] inverseGramDiagonal(boolean[] mask) {
        double[] diag = new double[mask.length];
        java.util.Arrays.fill(diag, Double.NaN);
        if (count(mask) == 0) {
            return diag;
        }
        RealMatrix sub = columns(mask);
        int k = sub.getColumnDimension();
        RealMatrix r = new QRDecomposition(sub).getR().getSubMatrix(0, k - 1, 0, k - 1);
        RealMatrix rInverse = new LUDecomposition(r).getSolver().getInverse();
        RealMatrix inverse = rInverse.multiply(rInverse.transpose());
        for (int j = 0, s = 0; j < mask.length; j++) {
            if (mask[j]) {
                diag[j] = inverse.getEntry(s, s);
                s++;
            }
        }
        return diag;
    }

    /** Converts a solution in scaled units to nanoseconds per unit of each feature. */
    double[] unscale(double[] scaled) {
        double[] c = new double[scaled.length];
        for (int j = 0; j < c.length; j++) {
            c[j] = scaled[j] / scale[j];
        }
        return c;
    }
}
