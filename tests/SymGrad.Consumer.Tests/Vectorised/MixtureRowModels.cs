using System;
using SymGrad;

namespace SymGrad.Consumer.Tests.Vectorised;

/// <summary>
/// Row lanes without row tiles (docs/how-it-works.md, "Row lanes"): ADBench's GMM shape, a sum over points of the
/// log-sum-exp over components of a Mahalanobis-like term through a lower-triangular factor. Per point and component
/// the body writes scratch rows first (the centred point, its scaled image), walks the triangle with an index
/// integer the points share, and the reverse puts the scratch rows back from the tape. The <c>ExactSums</c> twin keeps
/// the loops.
/// </summary>
public static partial class MixtureRowModels
{
    /// <summary>
    /// Points x (m by d); per component c of k: its mean (means, k by d), its diagonal log-scales (q, k by d) and its
    /// strictly lower triangle column by column (l, k by d(d-1)/2), and its weight (weights, k).
    /// </summary>
    [Differentiable]
    public static double Mixture(double[] means, double[] q, double[] l, double[] weights, [NoDerivative] double[] x, int m, int d, int k)
    {
        int triangle = d * (d - 1) / 2;
        double[] centered = new double[d];
        double[] scaled = new double[d];
        double[] terms = new double[k];
        double total = 0.0;
        for (int i = 0; i < m; i++)
        {
            for (int c = 0; c < k; c++)
            {
                for (int j = 0; j < d; j++)
                {
                    centered[j] = x[i * d + j] - means[c * d + j];
                }

                for (int j = 0; j < d; j++)
                {
                    scaled[j] = Math.Exp(q[c * d + j]) * centered[j];
                }

                int index = c * triangle;
                for (int p = 0; p < d; p++)
                {
                    for (int j = p + 1; j < d; j++)
                    {
                        scaled[j] = scaled[j] + l[index] * centered[p];
                        index++;
                    }
                }

                double norm = 0.0;
                for (int j = 0; j < d; j++)
                {
                    norm += scaled[j] * scaled[j];
                }

                terms[c] = weights[c] - 0.5 * norm;
            }

            double max = terms[0];
            for (int c = 1; c < k; c++)
            {
                max = Math.Max(max, terms[c]);
            }

            double sumExp = 0.0;
            for (int c = 0; c < k; c++)
            {
                sumExp += Math.Exp(terms[c] - max);
            }

            total += Math.Log(sumExp) + max;
        }

        return total;
    }

    [Differentiable(ExactSums = true)]
    public static double MixtureExact(double[] means, double[] q, double[] l, double[] weights, [NoDerivative] double[] x, int m, int d, int k) =>
        Mixture(means, q, l, weights, x, m, d, k);
}
