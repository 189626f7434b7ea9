using System;
using System.Linq;
using Xunit;
using S = SymGrad.Consumer.Tests.LogSumExp.ShiftModels;

namespace SymGrad.Consumer.Tests.LogSumExp;

/// <summary>
/// <see cref="ShiftModels"/>: every model's gradient against central finite differences, its tangent against the
/// gradient and its Hessian-vector product against differences of the gradient, whether its maximum is a log-sum-exp
/// shift (no derivative) or not; and at tied maxima the shift's gradient is the softmax itself.
/// </summary>
public class ShiftGradientTests
{
    /// <summary>One model over a flat parameter vector: value and gradient, tangent, Hessian-vector product.</summary>
    private sealed record Model(
        Func<double[], double> Value,
        Func<double[], double[], double> Gradient,
        Func<double[], double[], double> Tangent,
        Action<double[], double[], double[]> HessianVectorProduct);

    private static readonly int[] Lengths = { 1, 2, 7, 8, 9, 17 };

    private static Model Single(Func<double[], double> value, Func<double[], double[], double> gradient, TangentOf tangent, Action<double[], double[], double[]> product) =>
        new(value, gradient, (p, t) => { tangent(p, t, out double d); return d; }, product);

    private delegate double TangentOf(double[] point, double[] direction, out double tangent);

    private static Model Named(string name) => name switch
    {
        "RunningMaximum" => Single(S.RunningMaximum, (p, g) => S.RunningMaximumGradient(p, g), (double[] p, double[] t, out double d) => S.RunningMaximumTangent(p, t, out d), (p, v, h) => S.RunningMaximumHessianVectorProduct(p, v, h)),
        "MaximumReadAgain" => Single(S.MaximumReadAgain, (p, g) => S.MaximumReadAgainGradient(p, g), (double[] p, double[] t, out double d) => S.MaximumReadAgainTangent(p, t, out d), (p, v, h) => S.MaximumReadAgainHessianVectorProduct(p, v, h)),
        "SumFromOne" => Single(S.SumFromOne, (p, g) => S.SumFromOneGradient(p, g), (double[] p, double[] t, out double d) => S.SumFromOneTangent(p, t, out d), (p, v, h) => S.SumFromOneHessianVectorProduct(p, v, h)),
        "SumReadAgain" => Single(S.SumReadAgain, (p, g) => S.SumReadAgainGradient(p, g), (double[] p, double[] t, out double d) => S.SumReadAgainTangent(p, t, out d), (p, v, h) => S.SumReadAgainHessianVectorProduct(p, v, h)),
        "NamedTerms" => new(
            p => S.NamedTerms(p[..^1], p[^1]),
            (p, g) => { double v = S.NamedTermsGradient(p[..^1], p[^1], g.AsSpan(0, p.Length - 1), out g[^1]); return v; },
            (p, t) => { S.NamedTermsTangent(p[..^1], p[^1], t[..^1], t[^1], out double d); return d; },
            (p, v, h) => S.NamedTermsHessianVectorProduct(p[..^1], p[^1], v[..^1], v[^1], h.AsSpan(0, p.Length - 1), out h[^1])),
        "ShiftFromTwoArrays" => new(
            p => S.ShiftFromTwoArrays(p[..(p.Length / 2)], p[(p.Length / 2)..]),
            (p, g) => S.ShiftFromTwoArraysGradient(p[..(p.Length / 2)], p[(p.Length / 2)..], g.AsSpan(0, p.Length / 2), g.AsSpan(p.Length / 2)),
            (p, t) => { S.ShiftFromTwoArraysTangent(p[..(p.Length / 2)], p[(p.Length / 2)..], t[..(p.Length / 2)], t[(p.Length / 2)..], out double d); return d; },
            (p, v, h) => S.ShiftFromTwoArraysHessianVectorProduct(p[..(p.Length / 2)], p[(p.Length / 2)..], v[..(p.Length / 2)], v[(p.Length / 2)..], h.AsSpan(0, p.Length / 2), h.AsSpan(p.Length / 2))),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [InlineData("RunningMaximum")]
    [InlineData("MaximumReadAgain")]
    [InlineData("SumFromOne")]
    [InlineData("SumReadAgain")]
    [InlineData("NamedTerms")]
    [InlineData("ShiftFromTwoArrays")]
    public void EveryModelAgreesWithFiniteDifferencesAndItsTangentAndHessian(string name)
    {
        Model model = Named(name);
        var random = new Random(name.Length);
        foreach (int length in Lengths)
        {
            // NamedTerms takes a scale after z; ShiftFromTwoArrays reads two elements of each of its two arrays.
            int size = name == "NamedTerms" ? length + 1 : name == "ShiftFromTwoArrays" ? 2 * Math.Max(length, 2) : length;
            double[] point = Random(random, size, 3.0);
            if (name == "NamedTerms")
            {
                point[^1] = 0.5 + random.NextDouble();
            }

            Check(model, point, random);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 10)]
    [InlineData(3, 4)]
    [InlineData(7, 3)]
    [InlineData(8, 10)]
    [InlineData(9, 10)]
    [InlineData(17, 5)]
    public void TheRowsCrossEntropyAgreesWithFiniteDifferencesAndItsTangentAndHessian(int m, int k)
    {
        var random = new Random(m * 31 + k);
        double[] y = OneHot(random, m, k);
        var model = new Model(
            p => S.RowCrossEntropy(p, y, m, k),
            (p, g) => S.RowCrossEntropyGradient(p, y, m, k, g),
            (p, t) => { S.RowCrossEntropyTangent(p, y, m, k, t, out double d); return d; },
            (p, v, h) => S.RowCrossEntropyHessianVectorProduct(p, y, m, k, v, h));
        Check(model, Random(random, m * k, 4.0), random);
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(9, 4)]
    public void TheSumAcrossRowsAgreesWithFiniteDifferencesAndItsTangentAndHessian(int m, int k)
    {
        var random = new Random(m + k);
        var model = new Model(
            p => S.SumAcrossRows(p, m, k),
            (p, g) => S.SumAcrossRowsGradient(p, m, k, g),
            (p, t) => { S.SumAcrossRowsTangent(p, m, k, t, out double d); return d; },
            (p, v, h) => S.SumAcrossRowsHessianVectorProduct(p, m, k, v, h));
        Check(model, Random(random, m * k, 2.0), random);
    }

    /// <summary>
    /// Rows whose largest logits tie (and rows far from 0, where exp of the unshifted logits would overflow): the
    /// gradient is (softmax(z) S - y) / m, S the row's target sum, to the last bits of the closed form.
    /// </summary>
    [Fact]
    public void AtTiedMaximaTheGradientIsTheSoftmax()
    {
        const int m = 10, k = 4;
        var random = new Random(5);
        double[] z = Random(random, m * k, 2.0), y = OneHot(random, m, k);
        for (int i = 0; i < m; i++)
        {
            z[i * k + (i % k)] = z[i * k + ((i + 1) % k)] = 3.0 + i;
            if (i >= m / 2)
            {
                for (int c = 0; c < k; c++)
                {
                    z[i * k + c] += 800.0;
                }
            }
        }

        double[] gradient = new double[m * k];
        S.RowCrossEntropyGradient(z, y, m, k, gradient);
        for (int i = 0; i < m; i++)
        {
            double max = z.Skip(i * k).Take(k).Max();
            double sum = Enumerable.Range(0, k).Sum(c => Math.Exp(z[i * k + c] - max));
            double targets = Enumerable.Range(0, k).Sum(c => y[i * k + c]);
            for (int c = 0; c < k; c++)
            {
                double expected = (Math.Exp(z[i * k + c] - max) / sum * targets - y[i * k + c]) / m;
                Assert.True(Math.Abs(gradient[i * k + c] - expected) <= 1e-15, $"row {i}, class {c}: {gradient[i * k + c]:R} vs {expected:R}");
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(40)]
    public void TheSingleLogSumExpsGradientIsTheSoftmaxAndAgreesWithFiniteDifferences(int length)
    {
        var random = new Random(length);
        float[] z = Random(random, length, 5.0).Select(v => (float)v).ToArray();
        float[] gradient = new float[length];
        float value = S.SingleLogSumExpGradient(z, gradient);
        double max = z.Max();
        double sum = z.Sum(v => Math.Exp(v - max));
        Assert.True(Math.Abs(value - (max + Math.Log(sum))) <= 1e-5 * (1 + Math.Abs(value)), $"value {value:R}");
        const float Step = 1e-2f;
        for (int c = 0; c < length; c++)
        {
            double expected = Math.Exp(z[c] - max) / sum;
            Assert.True(Math.Abs(gradient[c] - expected) <= 1e-6, $"partial {c}: {gradient[c]:R} vs {expected:R}");

            // Central differences of the float method itself (step 1e-2: float rounding and the step's truncation within 2e-3).
            float[] plus = (float[])z.Clone(), minus = (float[])z.Clone();
            plus[c] += Step;
            minus[c] -= Step;
            double central = ((double)S.SingleLogSumExp(plus) - S.SingleLogSumExp(minus)) / ((double)plus[c] - minus[c]);
            Assert.True(Math.Abs(gradient[c] - central) <= 2e-3, $"partial {c}: {gradient[c]:R}, central differences {central:R}");
        }
    }

    private static void Check(Model model, double[] point, Random random)
    {
        double[] gradient = new double[point.Length];
        double value = model.Gradient(point, gradient);
        FiniteDifferences.CheckAt(model.Value, point, gradient, value);

        double[] direction = Random(random, point.Length, 1.0);
        double tangent = model.Tangent(point, direction);
        double expected = gradient.Zip(direction, (g, t) => g * t).Sum();
        Assert.True(Math.Abs(tangent - expected) <= 1e-10 * (1 + Math.Abs(expected)), $"tangent {tangent:R}, gradient · t {expected:R}");

        double[] product = new double[point.Length];
        model.HessianVectorProduct(point, direction, product);
        const double Step = 1e-5;
        double[] plus = new double[point.Length], minus = new double[point.Length];
        model.Gradient(point.Select((p, i) => p + Step * direction[i]).ToArray(), plus);
        model.Gradient(point.Select((p, i) => p - Step * direction[i]).ToArray(), minus);
        double scale = product.Max(Math.Abs);
        for (int i = 0; i < point.Length; i++)
        {
            double central = (plus[i] - minus[i]) / (2 * Step);
            Assert.True(Math.Abs(product[i] - central) <= 1e-5 * (1 + scale), $"(H v)[{i}] = {product[i]:R}, central differences {central:R}");
        }
    }

    private static double[] Random(Random random, int length, double scale) =>
        Enumerable.Range(0, length).Select(_ => (random.NextDouble() * 2 - 1) * scale).ToArray();

    private static double[] OneHot(Random random, int m, int k)
    {
        double[] y = new double[m * k];
        for (int i = 0; i < m; i++)
        {
            y[i * k + random.Next(k)] = 1.0;
        }

        return y;
    }
}
