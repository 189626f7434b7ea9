using System.Linq;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// The method attributes of generated derivatives (GradientEmitter.LoopOptimizationAttribute): every one is compiled
/// fully optimised at once; one with a loop is never inlined (under dynamic PGO a hot call site inlined a whole
/// <c>float</c> logistic gradient into its caller and ran it 1.1x slower), one without may be.
/// </summary>
public class InliningTests
{
    private const string NoInlining = "MethodImplOptions.AggressiveOptimization | global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]";

    private const string Optimization = "MethodImplOptions.AggressiveOptimization)]";

    [Fact]
    public void AGradientWithALoopAndItsPullbackAreNeverInlined()
    {
        GeneratorRun run = GeneratorHarness.RunMembers(
            "Inlining",
            """
                [Differentiable]
                public static double Sum(double[] w, int n)
                {
                    double total = 0;
                    for (int j = 0; j < n; j++)
                    {
                        total += w[j] * w[j];
                    }

                    return total;
                }
            """);
        Assert.Empty(run.OutputProblems);
        string generated = string.Concat(run.Generated.Select(g => g.Source));
        Assert.Equal(2, Occurrences(generated, NoInlining));
        Assert.Equal(0, Occurrences(generated, Optimization));
    }

    [Fact]
    public void AGradientWithoutALoopMayBeInlined()
    {
        GeneratorRun run = GeneratorHarness.RunMembers(
            "Inlining",
            """
                [Differentiable]
                public static double Scaled(double x) => x * Math.Exp(x);
            """);
        Assert.Empty(run.OutputProblems);
        string generated = string.Concat(run.Generated.Select(g => g.Source));
        Assert.Equal(0, Occurrences(generated, NoInlining));
        Assert.True(Occurrences(generated, Optimization) >= 2, generated);
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, string.Empty).Length) / part.Length;
}
