using System;
using System.IO;
using System.Linq;
using SymGrad.Consumer.Tests.Issue9;
using Xunit;

namespace SymGrad.Consumer.Tests.Vectorised;

/// <summary>
/// <see cref="PullbackThroughGradientModels"/>: the gradients run their rows in tiles and agree with central differences
/// (rows around the tile of 32 and the eight lanes); the pullbacks are the calls of the gradient (read from the generated
/// files) and add exactly seed times the gradient, rounded once, to outputs that held something, in both precisions,
/// with the scratch on the stack (8 features) and rented (100).
/// </summary>
public sealed class PullbackThroughGradientTests
{
    [Theory]
    [InlineData(1, 3)]
    [InlineData(37, 8)]
    [InlineData(70, 100)]
    public void TheGradientMatchesDifferencesAndThePullbackAddsSeedTimesIt(int m, int n)
    {
        var random = new Random(m * 31 + n);
        double[] w = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        double b = 0.25;
        double[] x = Enumerable.Range(0, m * n).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double[] y = Enumerable.Range(0, m).Select(i => (double)(i % 2)).ToArray();

        double[] dw = new double[n];
        double value = PullbackThroughGradientModels.BiasedLogisticGradient(w, b, x, y, n, dw, out double db);
        double[] point = w.Append(b).ToArray();
        FiniteDifferences.CheckAt(p => PullbackThroughGradientModels.BiasedLogistic(p[..n], p[n], x, y, n), point, dw.Append(db).ToArray(), value);

        const double Seed = -1.5;
        double[] held = Enumerable.Range(0, n).Select(j => 0.1 * j - 0.3).ToArray();
        double heldBias = 0.7;
        double pulled = PullbackThroughGradientModels.BiasedLogisticPullback(w, b, x, y, n, Seed, held, ref heldBias);
        Assert.Equal(value, pulled);
        Assert.Equal(0.7 + Seed * db, heldBias);
        for (int j = 0; j < n; j++)
        {
            Assert.Equal((0.1 * j - 0.3) + Seed * dw[j], held[j]);
        }
    }

    [Theory]
    [InlineData(37, 8)]
    [InlineData(70, 100)]
    public void TheFloatPullbackAddsSeedTimesTheFloatGradient(int m, int n)
    {
        var random = new Random(m * 17 + n);
        float[] w = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] x = Enumerable.Range(0, m * n).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        float[] y = Enumerable.Range(0, m).Select(i => (float)(i % 2)).ToArray();

        float[] dw = new float[n];
        float value = PullbackThroughGradientModels.BiasedLogisticSingleGradient(w, 0.25f, x, y, n, dw, out float db);
        Assert.True(float.IsFinite(db) && dw.All(float.IsFinite));

        const float Seed = 0.75f;
        float[] held = Enumerable.Repeat(0.5f, n).ToArray();
        float heldBias = -0.5f;
        float pulled = PullbackThroughGradientModels.BiasedLogisticSinglePullback(w, 0.25f, x, y, n, Seed, held, ref heldBias);
        Assert.Equal(value, pulled);
        Assert.Equal(-0.5f + Seed * db, heldBias);
        for (int j = 0; j < n; j++)
        {
            Assert.Equal(0.5f + Seed * dw[j], held[j]);
        }
    }

    [Theory]
    [InlineData("BiasedLogistic_", "BiasedLogisticGradient")]
    [InlineData("BiasedLogisticSingle_", "BiasedLogisticSingleGradient")]
    public void ThePullbacksCallTheirTiledGradients(string file, string gradient)
    {
        string text = File.ReadAllText(GeneratedFiles.Find("PullbackThroughGradientModels." + file));
        string pullback = text[text.IndexOf("Pullback(", StringComparison.Ordinal)..];
        Assert.Contains("Kernels.DotTile", text[..text.IndexOf("Pullback(", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains(" = " + gradient + "(w, b, x, y, n, gradientOfW, out ", pullback, StringComparison.Ordinal);
        Assert.DoesNotContain("Kernels.DotTile", pullback, StringComparison.Ordinal);
    }
}
