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

    /// <summary>
    /// Seventeen differentiated arrays: the pullback's sixteenth scratch span is the last on the stack and the
    /// seventeenth is rented (<c>StackScratch.MostPerMethod</c>); the gradient matches differences and the pullback adds
    /// exactly seed times it through every output, at lengths that fit the stack (8 features) and that do not (100).
    /// </summary>
    [Theory]
    [InlineData(37, 8)]
    [InlineData(9, 100)]
    public void SeventeenArraysRentTheScratchBeyondTheStackLimit(int m, int n)
    {
        var random = new Random(m * 13 + n);
        double[] w = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[][] p = Enumerable.Range(0, 16).Select(q => new[] { 0.1 * q - 0.7, 0.05 * q + 0.3 }).ToArray();
        double[] x = Enumerable.Range(0, m * n).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double[] y = Enumerable.Range(0, m).Select(i => (double)(i % 2)).ToArray();

        double[] dw = new double[n];
        double[][] dp = Enumerable.Range(0, 16).Select(_ => new double[2]).ToArray();
        double value = PullbackThroughGradientModels.ManyArrayLogisticGradient(w, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15], x, y, n, dw, dp[0], dp[1], dp[2], dp[3], dp[4], dp[5], dp[6], dp[7], dp[8], dp[9], dp[10], dp[11], dp[12], dp[13], dp[14], dp[15]);
        double[] point = w.Concat(p.SelectMany(a => a)).ToArray();
        double[] gradient = dw.Concat(dp.SelectMany(a => a)).ToArray();
        FiniteDifferences.CheckAt(v => PullbackThroughGradientModels.ManyArrayLogistic(v[..n], v[(n + 0)..(n + 2)], v[(n + 2)..(n + 4)], v[(n + 4)..(n + 6)], v[(n + 6)..(n + 8)], v[(n + 8)..(n + 10)], v[(n + 10)..(n + 12)], v[(n + 12)..(n + 14)], v[(n + 14)..(n + 16)], v[(n + 16)..(n + 18)], v[(n + 18)..(n + 20)], v[(n + 20)..(n + 22)], v[(n + 22)..(n + 24)], v[(n + 24)..(n + 26)], v[(n + 26)..(n + 28)], v[(n + 28)..(n + 30)], v[(n + 30)..(n + 32)], x, y, n), point, gradient, value);

        const double Seed = 2.5;
        double[] heldW = Enumerable.Range(0, n).Select(j => 0.01 * j).ToArray();
        double[][] heldP = Enumerable.Range(0, 16).Select(q => new[] { -0.2 * q, 0.3 }).ToArray();
        double pulled = PullbackThroughGradientModels.ManyArrayLogisticPullback(w, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15], x, y, n, Seed, heldW, heldP[0], heldP[1], heldP[2], heldP[3], heldP[4], heldP[5], heldP[6], heldP[7], heldP[8], heldP[9], heldP[10], heldP[11], heldP[12], heldP[13], heldP[14], heldP[15]);
        Assert.Equal(value, pulled);
        for (int j = 0; j < n; j++)
        {
            Assert.Equal(0.01 * j + Seed * dw[j], heldW[j]);
        }

        for (int q = 0; q < 16; q++)
        {
            Assert.Equal(-0.2 * q + Seed * dp[q][0], heldP[q][0]);
            Assert.Equal(0.3 + Seed * dp[q][1], heldP[q][1]);
        }
    }

    [Fact]
    public void TheSeventeenthScratchSpanIsRented()
    {
        string text = File.ReadAllText(GeneratedFiles.Find("PullbackThroughGradientModels.ManyArrayLogistic_"));
        string pullback = text[text.IndexOf("Pullback(", StringComparison.Ordinal)..];
        Assert.Contains("stackalloc double[p15.Length]", pullback, StringComparison.Ordinal);
        Assert.Contains("double[] gradientOfP16Buffer = global::SymGrad.ScratchPool<double>.Rent(p16.Length);", pullback, StringComparison.Ordinal);
        Assert.DoesNotContain("stackalloc double[p16.Length]", pullback, StringComparison.Ordinal);
        Assert.Contains("global::SymGrad.ScratchPool<double>.ReturnRented(gradientOfP16Buffer);", pullback, StringComparison.Ordinal);
    }
}
