using System;
using SymGrad;

namespace SymGrad.Consumer.Tests.Vectorised;

/// <summary>
/// Element-wise loops the generator runs eight elements at a time (docs/how-it-works.md, "Element-wise loops"): a
/// layer of sigmoids saved on the tape (ascending, pushes) whose reverse loop pops them (descending), and a map through
/// exp, log and sqrt whose gradient saves five values per element (several pushes per iteration keep a loop scalar:
/// the tape's order is per element). Each has an <c>ExactSums</c> twin that keeps the loops.
/// </summary>
public static partial class LaneModels
{
    [Differentiable]
    public static double Layer(double[] w, double[] b, int h, int m)
    {
        double[] a = new double[h];
        double loss = 0.0;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < h; j++)
            {
                double s = b[j] + w[j] * (i + 1);
                a[j] = SymMath.Sigmoid(s);
            }

            for (int j = 0; j < h; j++)
            {
                loss += a[j] * a[j] * (j + 1);
            }
        }

        return loss;
    }

    [Differentiable(ExactSums = true)]
    public static double LayerExact(double[] w, double[] b, int h, int m) => Layer(w, b, h, m);

    /// <summary><see cref="Layer"/> in <c>float</c>: sixteen lanes of <c>Vector512&lt;float&gt;</c>, checked against the <c>double</c> one.</summary>
    [Differentiable]
    public static float SingleLayer(float[] w, float[] b, int h, int m)
    {
        float[] a = new float[h];
        float loss = 0.0f;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < h; j++)
            {
                float s = b[j] + w[j] * (i + 1);
                a[j] = SymMath.Sigmoid(s);
            }

            for (int j = 0; j < h; j++)
            {
                loss += a[j] * a[j] * (j + 1);
            }
        }

        return loss;
    }

    [Differentiable]
    public static double Maps(double[] w, int h)
    {
        double[] a = new double[h];
        for (int j = 0; j < h; j++)
        {
            double e = Math.Exp(0.5 * w[j]);
            a[j] = Math.Log(1.0 + e) / Math.Sqrt(2.0 + e * e);
        }

        double total = 0.0;
        for (int j = 0; j < h; j++)
        {
            total += a[j] * (j - 3);
        }

        return total;
    }

    [Differentiable(ExactSums = true)]
    public static double MapsExact(double[] w, int h) => Maps(w, h);
}
