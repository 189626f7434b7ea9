using System;
using SymGrad;

namespace SymGrad.Consumer.Tests;

/// <summary>
/// Taped loops whose reverse iterations recompute or restore instead of saving every value (docs/loops-and-arrays.md,
/// "Recomputing instead of taping"): scratch vectors filled each iteration, a packed triangle walked with a running
/// index, scratch elements written one by one, integer bookkeeping through nested loops.
/// </summary>
public static partial class RecomputeModels
{
    /// <summary>
    /// A recurrence over samples (so the sample loop is taped) through a whitened squared distance: per sample the
    /// centered vector and its product with a packed lower-triangular matrix (diagonal exp(q), then the strictly lower
    /// part row by row through a running index) are scratch vectors filled before they are read.
    /// </summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double WhitenedRecurrence(double[] mean, double[] packed, [NoDerivative] double[] x, int d, int n)
    {
        double[] centered = new double[d];
        double[] whitened = new double[d];
        double h = 0.1;
        for (int s = 0; s < n; s++)
        {
            for (int j = 0; j < d; j++)
            {
                centered[j] = x[s * d + j] - mean[j];
            }

            for (int j = 0; j < d; j++)
            {
                whitened[j] = Math.Exp(packed[j]) * centered[j];
            }

            int l = d;
            for (int i = 1; i < d; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    whitened[i] = whitened[i] + packed[l] * centered[j];
                    l++;
                }
            }

            double norm = 0;
            for (int j = 0; j < d; j++)
            {
                norm += whitened[j] * whitened[j];
            }

            h = Math.Tanh(0.5 * h + 0.1 * norm);
        }

        return h;
    }

    /// <summary>
    /// Scratch elements written one by one from the iteration's inputs (recomputed in the reverse iteration) beside
    /// an array that outlives the loop (its old elements saved and restored), with an index advancing by a stride.
    /// </summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double ElementScratch(double[] a, double x)
    {
        double[] c = new double[3];
        double[] kept = new double[4];
        int stride = a.Length / 4;
        int at = 0;
        double s = x;
        for (int k = 0; k < 4; k++)
        {
            c[0] = a[at] * x + k;
            c[1] = c[0] * a[at + 1] - x;
            c[2] = c[1] * c[0];
            s = Math.Sin(s + c[2]) + 0.5 * c[1];
            kept[k] = s * c[0];
            at += stride;
        }

        return s + kept[1] * kept[3];
    }

    /// <summary>
    /// A running index through a triangle whose rows start at a column that depends on the row, read before and
    /// after it moves, inside a recurrence: the reverse loops run it backwards.
    /// </summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double TriangleWalk(double[] a, double x, int rows)
    {
        double s = x;
        int l = 0;
        for (int i = 0; i < rows; i++)
        {
            for (int j = i; j < rows; j++)
            {
                s = Math.Sin(s * a[l]) + a[l + 1] * x;
                l++;
            }

            s = s * a[l];
        }

        return s;
    }
}
