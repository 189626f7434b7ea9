using System;
using System.Linq;
using System.Reflection;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Layers;

/// <summary>
/// A pullback that calls its gradient (src/Generator/Vectorization/PullbackThroughGradient.cs): only where the gradient
/// runs rows in tiles; its scratch and value locals avoid the parameters' names (here <c>value</c>, <c>gradientOfW</c>
/// and <c>seed</c>, which moves the seed to <c>seed2</c>); and it adds seed times the gradient to what the outputs held.
/// Not where the tiled method reads a slice of a differentiated array chosen by an <c>int</c> that bounds no loop (the
/// call would clear and add the whole array), directly or through a local, nor where a parameter named
/// <c>{F}Gradient</c> hides the method.
/// </summary>
public class PullbackThroughGradientTests
{
    private const string Source = """
        using System;
        using SymGrad;

        public static partial class Tiled
        {
            [Differentiable]
            public static double F(double[] w, double value, [NoDerivative] double[] gradientOfW, [NoDerivative] double[] seed, int n)
            {
                double loss = 0.0;
                for (int i = 0; i < seed.Length; i++)
                {
                    double z = value;
                    for (int j = 0; j < n; j++)
                    {
                        z += w[j] * gradientOfW[i * n + j];
                    }

                    loss += SymMath.Softplus(z) - seed[i] * z;
                }

                return loss / seed.Length;
            }

            [Differentiable]
            public static double G(double[] w, int n)
            {
                double s = 0.0;
                for (int j = 0; j < n; j++)
                {
                    s += Math.Exp(w[j]);
                }

                return Math.Log(s);
            }
        }
        """;

    [Theory]
    [InlineData("p[u * (n + 1) + j + 1]", "p[u * (n + 1)]")] // a selector in the index
    [InlineData("p[row + j + 1]", "p[row]")] // through a local computed from it
    public void ATiledMethodThatReadsASliceKeepsItsOwnPullback(string weight, string bias)
    {
        string source = """
            using System;
            using SymGrad;

            public static partial class Slice
            {
                [Differentiable]
                public static double F(double[] p, [NoDerivative] double[] x, [NoDerivative] double[] y, int n, int u)
                {
                    int row = u * (n + 1);
                    double loss = 0.0 * row;
                    for (int i = 0; i < y.Length; i++)
                    {
                        double z = BIAS;
                        for (int j = 0; j < n; j++)
                        {
                            z += WEIGHT * x[i * n + j];
                        }

                        loss += SymMath.Softplus(z) - y[i] * z;
                    }

                    return loss / y.Length;
                }
            }
            """.Replace("WEIGHT", weight, StringComparison.Ordinal).Replace("BIAS", bias, StringComparison.Ordinal);
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        string generated = run.Generated.Single().Source;
        int pullback = generated.IndexOf("FPullback(", StringComparison.Ordinal);
        Assert.Contains("Kernels.DotTile", generated[..pullback], StringComparison.Ordinal);
        Assert.DoesNotContain("FGradient(", generated[pullback..], StringComparison.Ordinal);
    }

    [Fact]
    public void AParameterNamedLikeTheGradientKeepsTheMethodsOwnPullback()
    {
        string source = Source.Replace("double[] w, double value,", "double[] w, double FGradient,", StringComparison.Ordinal).Replace("double z = value;", "double z = FGradient;", StringComparison.Ordinal);
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        string tiled = run.Generated.Single(g => g.HintName.Contains(".F_", StringComparison.Ordinal)).Source;
        string pullback = tiled[tiled.IndexOf("FPullback(", StringComparison.Ordinal)..];
        Assert.DoesNotContain("gradientOfW2", pullback, StringComparison.Ordinal);
        Assert.Contains("Kernels.DotTile", pullback, StringComparison.Ordinal);
    }

    private delegate double FGradient(double[] w, double value, double[] x, double[] y, int n, Span<double> dw, out double dvalue);

    private delegate double FPullback(double[] w, double value, double[] x, double[] y, int n, double seed, Span<double> dw, ref double dvalue);

    [Fact]
    public void OnlyATiledGradientsPullbackCallsItAndItsNamesAvoidTheParameters()
    {
        GeneratorRun run = GeneratorHarness.Run(Source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        string tiled = run.Generated.Single(g => g.HintName.Contains(".F_", StringComparison.Ordinal)).Source;
        string plain = run.Generated.Single(g => g.HintName.Contains(".G_", StringComparison.Ordinal)).Source;
        string pullback = tiled[tiled.IndexOf("FPullback(", StringComparison.Ordinal)..];
        Assert.Contains("double seed2, global::System.Span<double> dw, ref double dvalue)", pullback, StringComparison.Ordinal);
        Assert.Contains("double value2 = FGradient(w, value, gradientOfW, seed, n, gradientOfW2, out double gradientOfValue);", pullback, StringComparison.Ordinal);
        Assert.Contains("dvalue += seed2 * gradientOfValue;", pullback, StringComparison.Ordinal);
        Assert.Contains("global::SymGrad.Kernels.AddScaled(dw, 0, seed2, gradientOfW2, 0, dw.Length);", pullback, StringComparison.Ordinal);
        Assert.DoesNotContain("GGradient(", plain[plain.IndexOf("GPullback(", StringComparison.Ordinal)..], StringComparison.Ordinal);

        Type type = run.Load().GetType("Tiled")!;
        var gradient = type.GetMethod("FGradient")!.CreateDelegate<FGradient>();
        var pull = type.GetMethod("FPullback")!.CreateDelegate<FPullback>();
        var random = new Random(3);
        const int n = 5, m = 41;
        double[] w = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] x = Enumerable.Range(0, m * n).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double[] y = Enumerable.Range(0, m).Select(i => (double)(i % 2)).ToArray();
        double[] dw = new double[n];
        double value = gradient(w, 0.125, x, y, n, dw, out double dvalue);
        double[] held = { 1, 2, 3, 4, 5 };
        double heldValue = -1;
        Assert.Equal(value, pull(w, 0.125, x, y, n, 2.5, held, ref heldValue));
        Assert.Equal(-1 + 2.5 * dvalue, heldValue);
        Assert.Equal(Enumerable.Range(0, n).Select(j => (j + 1) + 2.5 * dw[j]), held);
    }
}
