using System;
using SymGrad;

namespace SymGrad.Consumer.Tests.Vectorised;

/// <summary>
/// The loop shapes the generator prints as vector kernels (issue 12): row dot products (<c>Kernels.Dot</c>), the
/// reverse updates of a row (<c>Kernels.AddScaled</c>), a fused sum split into a dot product and updates, and two
/// updates of one loop; beside them a sum into an array element (<c>hidden[i] += ...</c>), which stays a taped loop.
/// Each has an <c>ExactSums</c> twin that keeps the loops.
/// </summary>
public static partial class VectorisedModels
{
    /// <summary>Logistic-style rows with an L2 penalty: m rows of n features, every shape above.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double Rows(double[] w, double[] x, double[] v, int m, int n)
    {
        double[] hidden = new double[m];
        double loss = 0.0;
        for (int i = 0; i < m; i++)
        {
            double z = 0.25;
            for (int j = 0; j < n; j++)
            {
                z += w[j] * x[i * n + j];
            }

            for (int j = 0; j < n; j++)
            {
                hidden[i] += v[j] * x[i * n + j];
            }

            loss += SymMath.Softplus(z) + 0.5 * Math.Tanh(hidden[i]);
        }

        double penalty = 0.0;
        for (int j = 0; j < n; j++)
        {
            penalty += w[j] * v[j];
        }

        return (loss / m) + (0.1 * penalty);
    }

    /// <summary>
    /// <see cref="Rows"/> with every sum in the source's order: the call is inlined, and <c>ExactSums</c> governs the
    /// inlined code too.
    /// </summary>
    [Differentiable(ExactSums = true, Tangent = true, Hessian = true)]
    public static double RowsExact(double[] w, double[] x, double[] v, int m, int n) => Rows(w, x, v, m, n);
}
