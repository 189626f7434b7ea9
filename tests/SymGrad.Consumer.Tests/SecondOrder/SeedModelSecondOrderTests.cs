using System;
using System.Collections.Generic;
using System.Linq;
using SymGrad.Models;
using SymGrad.Solvers;
using Xunit;

namespace SymGrad.Consumer.Tests.SecondOrder;

/// <summary>
/// Issue 11's contracts on the seed's losses (logistic and softmax regression, the three two-layer network heads), each on
/// 20 random rows: <c>FTangent</c> is the gradient dotted with the direction, <c>FHessianVectorProduct</c> is the central
/// difference of <c>FGradient</c> along the vector, <c>FHessian</c> is symmetric and its columns are Hessian-vector
/// products. The logistic Hessian is also checked against its closed form.
/// </summary>
public sealed class SeedModelSecondOrderTests
{
    private const int Rows = 20;

    /// <summary>The generated <c>FTangent</c> of one loss with its data bound.</summary>
    private delegate double Tangent(ReadOnlySpan<double> w, ReadOnlySpan<double> t, out double tangent);

    /// <summary>One seed loss at a random point: its generated methods with the data bound.</summary>
    private sealed record SeedLoss(string Name, int Size, ValueAndGradient Gradient, Tangent Tangent, HessianVectorProduct HessianVectorProduct, ValueGradientHessian Hessian)
    {
        public double[] GradientAt(double[] w)
        {
            var gradient = new double[Size];
            Gradient(w, gradient);
            return gradient;
        }
    }

    public static TheoryData<string> Losses => new(All().Keys);

    [Theory]
    [MemberData(nameof(Losses))]
    public void TheTangentIsTheGradientDottedWithTheDirection(string name)
    {
        SeedLoss loss = All()[name];
        double[] w = Uniform(101, loss.Size, 0.8);
        double[] t = Uniform(102, loss.Size, 1.0);
        var gradient = new double[loss.Size];
        double value = loss.Gradient(w, gradient);

        double tangentValue = loss.Tangent(w, t, out double tangent);

        double expected = 0, scale = 0;
        for (int i = 0; i < loss.Size; i++)
        {
            expected += gradient[i] * t[i];
            scale += Math.Abs(gradient[i] * t[i]);
        }

        Assert.True(Math.Abs(tangentValue - value) <= 1e-14 * (1 + Math.Abs(value)), $"{name}: FTangent's value {tangentValue:R}, FGradient's {value:R}");
        Assert.True(Math.Abs(tangent - expected) <= 1e-12 * (1 + scale), $"{name}: tangent {tangent:R}, gradient · t = {expected:R}");
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void TheHessianVectorProductIsTheCentralDifferenceOfTheGradient(string name)
    {
        const double Step = 1e-5;
        SeedLoss loss = All()[name];
        double[] w = Uniform(201, loss.Size, 0.8);
        double[] v = Uniform(202, loss.Size, 1.0);
        var product = new double[loss.Size];
        double value = loss.HessianVectorProduct(w, v, product);

        double[] plus = loss.GradientAt(w.Select((wi, i) => wi + Step * v[i]).ToArray());
        double[] minus = loss.GradientAt(w.Select((wi, i) => wi - Step * v[i]).ToArray());
        double[] central = plus.Select((p, i) => (p - minus[i]) / (2 * Step)).ToArray();
        double scale = central.Max(Math.Abs);
        Assert.True(scale > 1e-3, $"{name}: the product is too small ({scale:R}) to test anything");
        for (int i = 0; i < loss.Size; i++)
        {
            Assert.True(Math.Abs(product[i] - central[i]) <= 1e-5 * scale, $"{name}: (H v)[{i}] = {product[i]:R}, central difference {central[i]:R}");
        }

        FiniteDifferences.AssertValue(value, loss.Gradient(w, new double[loss.Size]));
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void TheHessianIsSymmetricAndItsColumnsAreHessianVectorProducts(string name)
    {
        SeedLoss loss = All()[name];
        int n = loss.Size;
        double[] w = Uniform(301, n, 0.8);
        var gradient = new double[n];
        var hessian = new double[n * n];
        double value = loss.Hessian(w, gradient, hessian);

        var expectedGradient = new double[n];
        FiniteDifferences.AssertValue(value, loss.Gradient(w, expectedGradient));
        Assert.Equal(expectedGradient, gradient);

        double scale = hessian.Max(Math.Abs);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                Assert.True(Math.Abs(hessian[i * n + j] - hessian[j * n + i]) <= 1e-12 * scale, $"{name}: H[{i},{j}] = {hessian[i * n + j]:R}, H[{j},{i}] = {hessian[j * n + i]:R}");
            }
        }

        // Column j against the product with the j-th unit vector, and H v against the product with a random v.
        var unit = new double[n];
        var product = new double[n];
        for (int j = 0; j < n; j++)
        {
            unit[j] = 1;
            loss.HessianVectorProduct(w, unit, product);
            unit[j] = 0;
            for (int i = 0; i < n; i++)
            {
                Assert.True(Math.Abs(hessian[i * n + j] - product[i]) <= 1e-12 * scale, $"{name}: H[{i},{j}] = {hessian[i * n + j]:R}, (H e_{j})[{i}] = {product[i]:R}");
            }
        }

        double[] v = Uniform(302, n, 1.0);
        loss.HessianVectorProduct(w, v, product);
        for (int i = 0; i < n; i++)
        {
            double row = 0;
            for (int j = 0; j < n; j++)
            {
                row += hessian[i * n + j] * v[j];
            }

            Assert.True(Math.Abs(row - product[i]) <= 1e-12 * scale * n, $"{name}: (H v)[{i}] from the matrix {row:R}, from the product {product[i]:R}");
        }
    }

    [Fact]
    public void TheLogisticHessianIsTheWeightedSumOfOuterProducts()
    {
        const int Features = 3;
        double[] x = Uniform(401, Rows * Features, 2.0);
        double[] y = Labels(402, 2).Select(label => (double)label).ToArray();
        double[] w = Uniform(403, Features + 1, 0.8);
        int n = w.Length;
        var hessian = new double[n * n];
        LogisticRegression.LossHessian(w, x, y, Features, new double[n], hessian);

        // (1/m) sum_i sigma'(z_i) x~_i x~_i^T with x~_i = (1, x_i) and sigma' = sigma (1 - sigma).
        var expected = new double[n * n];
        var row = new double[n];
        row[0] = 1;
        for (int i = 0; i < Rows; i++)
        {
            Array.Copy(x, i * Features, row, 1, Features);
            double z = w[0];
            for (int j = 0; j < Features; j++)
            {
                z += w[j + 1] * row[j + 1];
            }

            double sigma = 1 / (1 + Math.Exp(-z));
            for (int a = 0; a < n; a++)
            {
                for (int b = 0; b < n; b++)
                {
                    expected[a * n + b] += sigma * (1 - sigma) * row[a] * row[b] / Rows;
                }
            }
        }

        for (int k = 0; k < n * n; k++)
        {
            Assert.True(Math.Abs(hessian[k] - expected[k]) <= 1e-14, $"H[{k / n},{k % n}] = {hessian[k]:R}, closed form {expected[k]:R}");
        }
    }

    /// <summary>Every seed loss, keyed by name, with 20 random rows of small data bound.</summary>
    private static Dictionary<string, SeedLoss> All()
    {
        const int Features = 3, Classes = 3, Hidden = 3;
        double[] x = Uniform(1, Rows * Features, 2.0);
        double[] binary = Labels(2, 2).Select(label => (double)label).ToArray();
        int[] classes = Labels(3, Classes);
        double[] targets = Uniform(4, Rows, 1.5);
        int logistic = LogisticRegression.ParameterCount(Features);
        int softmax = SoftmaxRegression.ParameterCount(Features, Classes);
        int scalarNetwork = TwoLayerNetwork.ParameterCount(Features, Hidden, 1);
        int classNetwork = TwoLayerNetwork.ParameterCount(Features, Hidden, Classes);
        var losses = new[]
        {
            new SeedLoss(
                "LogisticRegression.Loss",
                logistic,
                (w, g) => LogisticRegression.LossGradient(w, x, binary, Features, g),
                (ReadOnlySpan<double> w, ReadOnlySpan<double> t, out double tangent) => LogisticRegression.LossTangent(w, x, binary, Features, t, out tangent),
                (w, v, hv) => LogisticRegression.LossHessianVectorProduct(w, x, binary, Features, v, hv),
                (w, g, h) => LogisticRegression.LossHessian(w, x, binary, Features, g, h)),
            new SeedLoss(
                "SoftmaxRegression.Loss",
                softmax,
                (w, g) => SoftmaxRegression.LossGradient(w, x, classes, Features, Classes, g),
                (ReadOnlySpan<double> w, ReadOnlySpan<double> t, out double tangent) => SoftmaxRegression.LossTangent(w, x, classes, Features, Classes, t, out tangent),
                (w, v, hv) => SoftmaxRegression.LossHessianVectorProduct(w, x, classes, Features, Classes, v, hv),
                (w, g, h) => SoftmaxRegression.LossHessian(w, x, classes, Features, Classes, g, h)),
            new SeedLoss(
                "TwoLayerNetwork.RegressionLoss",
                scalarNetwork,
                (p, g) => TwoLayerNetwork.RegressionLossGradient(p, x, targets, Features, Hidden, g),
                (ReadOnlySpan<double> p, ReadOnlySpan<double> t, out double tangent) => TwoLayerNetwork.RegressionLossTangent(p, x, targets, Features, Hidden, t, out tangent),
                (p, v, hv) => TwoLayerNetwork.RegressionLossHessianVectorProduct(p, x, targets, Features, Hidden, v, hv),
                (p, g, h) => TwoLayerNetwork.RegressionLossHessian(p, x, targets, Features, Hidden, g, h)),
            new SeedLoss(
                "TwoLayerNetwork.BinaryLoss",
                scalarNetwork,
                (p, g) => TwoLayerNetwork.BinaryLossGradient(p, x, binary, Features, Hidden, g),
                (ReadOnlySpan<double> p, ReadOnlySpan<double> t, out double tangent) => TwoLayerNetwork.BinaryLossTangent(p, x, binary, Features, Hidden, t, out tangent),
                (p, v, hv) => TwoLayerNetwork.BinaryLossHessianVectorProduct(p, x, binary, Features, Hidden, v, hv),
                (p, g, h) => TwoLayerNetwork.BinaryLossHessian(p, x, binary, Features, Hidden, g, h)),
            new SeedLoss(
                "TwoLayerNetwork.MulticlassLoss",
                classNetwork,
                (p, g) => TwoLayerNetwork.MulticlassLossGradient(p, x, classes, Features, Hidden, Classes, g),
                (ReadOnlySpan<double> p, ReadOnlySpan<double> t, out double tangent) => TwoLayerNetwork.MulticlassLossTangent(p, x, classes, Features, Hidden, Classes, t, out tangent),
                (p, v, hv) => TwoLayerNetwork.MulticlassLossHessianVectorProduct(p, x, classes, Features, Hidden, Classes, v, hv),
                (p, g, h) => TwoLayerNetwork.MulticlassLossHessian(p, x, classes, Features, Hidden, Classes, g, h)),
        };
        return losses.ToDictionary(loss => loss.Name);
    }

    private static double[] Uniform(int seed, int length, double scale)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (random.NextDouble() * 2 - 1) * scale).ToArray();
    }

    /// <summary>20 labels in [0, classes), every class present.</summary>
    private static int[] Labels(int seed, int classes)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Rows).Select(i => i < classes ? i : random.Next(classes)).ToArray();
    }
}
