using System;

namespace SymGrad.Models;

/// <summary>
/// Ordinary least squares in closed form, the baseline robust regression is compared with: the w =
/// (bias, w_1..w_n) minimising Σ_i (y_i - w_0 - Σ_j w_j x_ij)², from the normal equations.
/// </summary>
public static class LeastSquares
{
    /// <summary>Fits a line (a hyperplane for n &gt; 1) to m rows of n features (row-major) and m targets.</summary>
    /// <exception cref="ArgumentException">The sizes disagree, or the features are collinear (the normal equations are singular).</exception>
    public static double[] Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int n)
    {
        int m = y.Length;
        if (n < 0 || x.Length != m * n)
        {
            throw new ArgumentException($"{x.Length} feature values are not {m} rows of {n} features.", nameof(x));
        }

        // The normal equations A w = b with A = Σ (1, x_i)(1, x_i)^T and b = Σ y_i (1, x_i).
        int size = n + 1;
        var a = new double[size, size];
        var b = new double[size];
        var row = new double[size];
        for (int i = 0; i < m; i++)
        {
            row[0] = 1;
            x.Slice(i * n, n).CopyTo(row.AsSpan(1));
            for (int r = 0; r < size; r++)
            {
                b[r] += row[r] * y[i];
                for (int c = 0; c < size; c++)
                {
                    a[r, c] += row[r] * row[c];
                }
            }
        }

        return Solve(a, b);
    }

    /// <summary>Gaussian elimination with partial pivoting; overwrites <paramref name="a"/> and <paramref name="b"/>.</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        int size = b.Length;
        double scale = 0;
        foreach (double value in a)
        {
            scale = Math.Max(scale, Math.Abs(value));
        }

        for (int column = 0; column < size; column++)
        {
            int pivot = column;
            for (int r = column + 1; r < size; r++)
            {
                if (Math.Abs(a[r, column]) > Math.Abs(a[pivot, column]))
                {
                    pivot = r;
                }
            }

            if (!(Math.Abs(a[pivot, column]) > 1e-12 * scale))
            {
                throw new ArgumentException("The features are collinear (or there are fewer rows than parameters): least squares has no unique solution.");
            }

            for (int c = 0; c < size; c++)
            {
                (a[column, c], a[pivot, c]) = (a[pivot, c], a[column, c]);
            }

            (b[column], b[pivot]) = (b[pivot], b[column]);
            for (int r = column + 1; r < size; r++)
            {
                double factor = a[r, column] / a[column, column];
                for (int c = column; c < size; c++)
                {
                    a[r, c] -= factor * a[column, c];
                }

                b[r] -= factor * b[column];
            }
        }

        var w = new double[size];
        for (int r = size - 1; r >= 0; r--)
        {
            double sum = b[r];
            for (int c = r + 1; c < size; c++)
            {
                sum -= a[r, c] * w[c];
            }

            w[r] = sum / a[r, r];
        }

        return w;
    }
}
