using System;
using SymGrad;

namespace SymGrad.Consumer.Tests.Vectorised;

/// <summary>
/// Row lanes whose loops save two values per iteration for their reverse (docs/how-it-works.md, "Row lanes"): each
/// class's exponential and sigmoid, kept at places 2c and 2c + 1 of a saved row, read back last first. Each has an
/// <c>ExactSums</c> twin that keeps the loops (and the tape).
/// </summary>
public static partial class RowSavedValueModels
{
    [Differentiable]
    public static double TwoPerClass(double[] w, [NoDerivative] double[] x, int m, int n, int k)
    {
        double[] z = new double[k];
        double total = 0.0;
        for (int i = 0; i < m; i++)
        {
            for (int c = 0; c < k; c++)
            {
                double s = 0.0;
                for (int j = 0; j < n; j++)
                {
                    s += w[c * n + j] * x[i * n + j];
                }

                z[c] = s;
            }

            double sum = 0.0;
            for (int c = 0; c < k; c++)
            {
                sum += Math.Exp(z[c]) * SymMath.Sigmoid(z[c] * z[c]);
            }

            total += Math.Log(sum);
        }

        return total;
    }

    [Differentiable(ExactSums = true)]
    public static double TwoPerClassExact(double[] w, [NoDerivative] double[] x, int m, int n, int k) => TwoPerClass(w, x, m, n, k);

    [Differentiable]
    public static float SingleTwoPerClass(float[] w, [NoDerivative] float[] x, int m, int n, int k)
    {
        float[] z = new float[k];
        float total = 0.0f;
        for (int i = 0; i < m; i++)
        {
            for (int c = 0; c < k; c++)
            {
                float s = 0.0f;
                for (int j = 0; j < n; j++)
                {
                    s += w[c * n + j] * x[i * n + j];
                }

                z[c] = s;
            }

            float sum = 0.0f;
            for (int c = 0; c < k; c++)
            {
                sum += MathF.Exp(z[c]) * SymMath.Sigmoid(z[c] * z[c]);
            }

            total += MathF.Log(sum);
        }

        return total;
    }
}
