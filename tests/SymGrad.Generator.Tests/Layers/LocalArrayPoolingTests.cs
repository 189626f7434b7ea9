using System.Linq;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Layers;

/// <summary>
/// Which of the source's local arrays the generated methods take from <c>ScratchPool</c> (issue 12, 0 B a call): a
/// <c>new double[k]</c> at the top level of the body, held as a span of exactly its length and returned at the end;
/// not a <c>stackalloc</c> span, not one passed whole to a call (local arrays in loops are SYMGRAD0018).
/// </summary>
public class LocalArrayPoolingTests
{
    [Fact]
    public void ATopLevelLocalArrayIsRentedHeldAsASpanOfItsLengthAndReturned()
    {
        string generated = Generate("""
            [Differentiable(Tangent = true, Hessian = true)]
            public static double F(double[] w, int k)
            {
                double[] z = new double[k];
                for (int c = 0; c < k; c++)
                {
                    z[c] = w[c] * w[c];
                }

                return SymMath.LogSumExp(z) + z.Length;
            }
            """);

        Assert.DoesNotContain("new double[", generated);
        Assert.Contains("double[] zBuffer = global::SymGrad.ScratchPool<double>.Rent(k);", generated);
        Assert.Contains("global::System.Span<double> z = new global::System.Span<double>(zBuffer, 0, k);", generated);
        int rents = CountOf(generated, "Shared.Rent(");
        Assert.Equal(rents, CountOf(generated, "Shared.Return("));
    }

    [Fact]
    public void AStackallocSpanAndAnArrayPassedToACallStayAsWritten()
    {
        string generated = Generate("""
            [Differentiable]
            public static double F(double[] w, int k)
            {
                System.Span<double> scratch = stackalloc double[k];
                double[] passed = new double[k];
                double total = 0.0;
                for (int c = 0; c < k; c++)
                {
                    scratch[c] = w[c] * w[c];
                    passed[c] = scratch[c] + 1.0;
                    total += scratch[c];
                }

                return total + Norm(passed);
            }

            public static double Norm(double[] v) => System.Math.Sqrt(v[0] * v[0] + 1.0);

            [DerivativeOf(nameof(Norm))]
            public static double NormGradient(double[] v, System.Span<double> dv)
            {
                dv.Clear();
                dv[0] = v[0] / System.Math.Sqrt(v[0] * v[0] + 1.0);
                return Norm(v);
            }
            """);

        Assert.Contains("double[] passed = new double[k];", generated);
        Assert.Contains("stackalloc double[k]", generated);
        Assert.DoesNotContain("passedBuffer = global::SymGrad.ScratchPool<double>.Rent", generated);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty).Length) / part.Length;

    private static string Generate(params string[] members)
    {
        GeneratorRun run = GeneratorHarness.RunMembers("Pooling", members);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        return string.Join("\n", run.Generated.Select(g => g.Source));
    }
}
