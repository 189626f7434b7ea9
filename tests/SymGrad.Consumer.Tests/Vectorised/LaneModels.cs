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

    /// <summary>The benchmarks' scalar chain: each term reads x[i] and x[i + 1], so its reverse adds into dx at two runs.</summary>
    [Differentiable]
    public static double Chain(double[] x, int n)
    {
        double total = 0.0;
        for (int i = 0; i < n - 1; i++)
        {
            total += Math.Log(1.0 + Math.Exp(x[i] * x[i + 1]));
        }

        return total;
    }

    [Differentiable(ExactSums = true)]
    public static double ChainExact(double[] x, int n) => Chain(x, n);

    /// <summary>Three neighbours, the middle one first: the reverse adds into dx at runs i, i - 1 and i + 1, three times into most elements.</summary>
    [Differentiable]
    public static double Triples(double[] x, int n)
    {
        double total = 0.0;
        for (int i = 1; i < n - 1; i++)
        {
            total += SymMath.Softplus((x[i] * x[i - 1]) - (0.5 * x[i + 1]));
        }

        return total;
    }

    [Differentiable(ExactSums = true)]
    public static double TriplesExact(double[] x, int n) => Triples(x, n);

    /// <summary>The chain in <c>float</c>: sixteen lanes.</summary>
    [Differentiable]
    public static float SingleChain(float[] x, int n)
    {
        float total = 0f;
        for (int i = 0; i < n - 1; i++)
        {
            total += MathF.Log(1f + MathF.Exp(x[i] * x[i + 1]));
        }

        return total;
    }
}
