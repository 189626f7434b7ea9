using System.Linq;
using System.Text.RegularExpressions;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.SecondOrder;

/// <summary>
/// Which reverse-mode Jacobian a vector-valued method gets (the values are checked against finite
/// differences in the consumer tests): without a tape, the forward sweep once and the reverse sweep
/// per row; with a taped loop, one pullback call per row. And the reverse sweep of a branch reads the
/// forward's values of that branch instead of recomputing them.
/// </summary>
public class JacobianModeTests
{
    private const string LoopFree = """
        [Differentiable]
        public static void F(double[] r, double[] p, Span<double> output)
        {
            double squared = r[0] * r[0] + r[1] * r[1];
            double x = p[0];
            if (squared != 0.0)
            {
                double angle = Math.Sqrt(squared);
                double cosine = Math.Cos(angle);
                double sine = Math.Sin(angle);
                x = p[0] * cosine - p[1] * sine;
            }

            output[0] = x * p[2];
            output[0] = output[0] * output[0];
            output[1] = x / p[1];
        }
        """;

    private const string Taped = """
        [Differentiable]
        public static void F(double[] w, Span<double> output)
        {
            double h = 0.5;
            for (int j = 0; j < w.Length; j++)
            {
                h = Math.Tanh(h * w[j] + 0.3);
            }

            output[0] = h;
            output[1] = h * w[0];
        }
        """;

    [Fact]
    public void WithoutATapeTheForwardSweepRunsOnceAndTheReverseSweepPerRow()
    {
        string jacobian = Method(Generate(LoopFree), "FJacobian");

        Assert.Contains("the forward sweep once, then row i is the reverse sweep seeded with the i-th unit vector", jacobian);
        Assert.DoesNotContain("FPullback(", jacobian);
        Assert.Single(Regex.Matches(jacobian, @"global::System\.Math\.Sqrt\(squared\)"));
        Assert.Contains("computed.CopyTo(output);", jacobian);
    }

    [Fact]
    public void ATapedLoopCallsThePullbackPerRow()
    {
        string jacobian = Method(Generate(Taped), "FJacobian");

        Assert.Contains("Reverse mode: row i is the pullback of the i-th unit vector.", jacobian);
        Assert.Contains("FPullback(", jacobian);
    }

    [Fact]
    public void TheReverseSweepOfABranchReadsTheForwardValuesOfThatBranch()
    {
        string pullback = Method(Generate(LoopFree), "FPullback");

        Assert.Single(Regex.Matches(pullback, @"global::System\.Math\.Cos\(angle\)"));
        Assert.Single(Regex.Matches(pullback, @"global::System\.Math\.Sin\(angle\)"));
    }

    private static string Generate(string method)
    {
        GeneratorRun run = GeneratorHarness.RunMembers("Modes", method);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        return run.Generated.Single().Source;
    }

    private static string Method(string generated, string name)
    {
        int start = generated.IndexOf(" " + name + "(", System.StringComparison.Ordinal);
        Assert.True(start >= 0, name + " was not generated");
        int end = generated.IndexOf("/// <summary>", start, System.StringComparison.Ordinal);
        return end < 0 ? generated[start..] : generated[start..end];
    }
}
