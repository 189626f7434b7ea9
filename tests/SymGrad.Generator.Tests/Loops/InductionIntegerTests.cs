using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// Induction integers in closed form (docs/loops-and-arrays.md, "Induction integers in closed form"): an integer a loop
/// steps once per iteration by a fixed amount is read as <c>v + c * (j - start)</c>, and stepped once after the loop by
/// the trip count. The consumer tests (<c>InductionGradientTests</c>) check the gradients against finite differences.
/// </summary>
public class InductionIntegerTests
{
    /// <summary>GMM's packed triangle per point: q = (identity + strictly lower part, column by column) times x.</summary>
    private const string Triangle = """
        [Differentiable]
        public static double F(double[] lower, double[] x, int d, int points)
        {
            double[] q = new double[d];
            double s = 0.0;
            for (int p = 0; p < points; p++)
            {
                for (int j = 0; j < d; j++)
                {
                    q[j] = x[p * d + j];
                }

                int l = 0;
                for (int i = 0; i < d; i++)
                {
                    for (int j = i + 1; j < d; j++)
                    {
                        q[j] = q[j] + lower[l] * x[p * d + i];
                        l++;
                    }
                }

                for (int j = 0; j < d; j++)
                {
                    s += q[j] * q[j];
                }
            }

            return s;
        }
        """;

    private static string Gradient(string members)
    {
        GeneratorRun run = GeneratorHarness.RunMembers("Induction", members);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        string source = run.Generated.Single().Source;
        int start = source.IndexOf("Gradient(", StringComparison.Ordinal);
        return source[start..source.IndexOf("Pullback(", start, StringComparison.Ordinal)];
    }

    /// <summary>The sample's GMM objective (samples/SymGrad.Models/AdBench/GmmObjective.cs), with <paramref name="attribute"/> on it.</summary>
    private static string Gmm(string attribute)
    {
        string source = File.ReadAllText(RepositoryPaths.Of("samples", "SymGrad.Models", "AdBench", "GmmObjective.cs"));
        int start = source.IndexOf("private const double AdBenchPi", StringComparison.Ordinal);
        int end = source.LastIndexOf('}', source.LastIndexOf('}') - 1);
        return source[start..end].Replace("[Differentiable(Tangent = true, Hessian = true)]", attribute, StringComparison.Ordinal);
    }

    [Fact]
    public void ATriangleRowReadsItsIndexInClosedFormAndStepsItByItsLength()
    {
        string gradient = Gradient(Triangle);
        Assert.Contains("q[j] = q[j] + lower[l3 + j - i - 1] * x[p * d + i];", gradient);
        Assert.Contains("int l4 = l3 + (global::System.Math.Max(i + 1, d) - i - 1);", gradient);
        Assert.DoesNotContain("l3 + 1", gradient);
    }

    [Fact]
    public void TheRowLoopRunsTheIntegerBackwardsByTheRowsLength()
    {
        string gradient = Gradient(Triangle);
        Assert.Contains("// Line 26: l++;  (undone: the integer runs backwards)", gradient);
        Assert.Contains("int l3 = l4 - (global::System.Math.Max(i + 1, d) - i - 1);", gradient);
        Assert.DoesNotContain("(int)tape.Pop()", gradient);
    }

    [Fact]
    public void GmmsTriangleRowsAreOneKernelCallForwardAndOneInReverse()
    {
        string gradient = Gradient(Gmm("[Differentiable]"));
        // The forward row, under a test that it runs (its scale reads centered[i], which a row of no element would not).
        string[] lines = gradient.Split('\n').Select(l => l.Trim()).ToArray();
        int call = Array.IndexOf(lines, "global::SymGrad.Kernels.AddScaled(qTimesCentered, i + 1, centered[i], icf, lIndex3, d - (i + 1));");
        Assert.True(call > 2, "no forward row call");
        Assert.Equal("// for (int j = i + 1; j < d; j++) qTimesCentered[j] += icf[lIndex3 + j - i - 1] * centered[i];  (several elements at a time, the same bits)", lines[call - 1]);
        Assert.Equal("if (d - (i + 1) > 0)", lines[call - 3]);
        Assert.Contains("dCenteredSum += global::SymGrad.Kernels.AddScaledAndDot(gIcf, lIndex3, centeredElement, dQTimesCentered, i + 1, icf, lIndex3, d - i - 1);", gradient);
        Assert.Contains("// for (int j = d - 1; j >= i + 1; j--) gIcf[lIndex3 + j - i - 1] += dQTimesCentered[j] * centeredElement;  (several elements at a time, the same bits; one pass for both)", gradient);
    }

    [Fact]
    public void ExactSumsKeepsTheReverseRowLoopButItsForwardRowIsStillAKernel()
    {
        string gradient = Gradient(Gmm("[Differentiable(ExactSums = true)]"));
        Assert.DoesNotContain("AddScaledAndDot", gradient);
        Assert.DoesNotContain("Kernels.Dot", gradient);
        Assert.Contains("global::SymGrad.Kernels.AddScaled(qTimesCentered, i + 1, centered[i], icf, lIndex3, d - (i + 1));", gradient);
        Assert.Contains("dCenteredSum += dQTimesCenteredElement * icf[lIndex3 + j - i - 1];", gradient);
    }

    [Fact]
    public void ReadsBeforeAndAfterTheStepDifferByOneStep()
    {
        string gradient = Gradient("""
            [Differentiable]
            public static double F(double[] w, int n)
            {
                double s = 0.0;
                int p = 1;
                for (int j = 0; j < n; j++)
                {
                    s += w[p] * w[p];
                    p += 3;
                    s += w[p - 1];
                }

                return s + w[p - 3];
            }
            """);
        Assert.Contains("w[p + 3 * j]", gradient);
        Assert.Contains("w[p + 3 * (j + 1) - 1]", gradient);
        Assert.Contains("p + 3 * global::System.Math.Max(0, n)", gradient);
        Assert.DoesNotContain("p += 3", gradient);
    }

    [Theory]
    [InlineData("if (w[j] > 0.0) { p++; }", "a step in a branch")]
    [InlineData("p += j;", "a step by the counter")]
    [InlineData("p += m; m++;", "a step by an integer the loop changes")]
    [InlineData("p++; p++;", "two steps")]
    [InlineData("p += n / 2;", "a step that divides")]
    public void AnIntegerThatIsNotAnInductionKeepsItsSteps(string steps, string why)
    {
        string gradient = Gradient($$"""
            [Differentiable]
            public static double F(double[] w, int n)
            {
                double s = 0.0;
                int p = 0;
                int m = 1;
                for (int j = 0; j < n; j++)
                {
                    s += w[p % w.Length] * w[j];
                    {{steps}}
                }

                return s + m;
            }
            """);
        // The step stays in the loop (a version of p from a version of p), and no closed form follows the loop (p from its value before it).
        Assert.True(Regex.IsMatch(gradient, @"p\d+ = p\d+ [+-] "), why);
        Assert.False(Regex.IsMatch(gradient, @"int p\d+ = p [+-] "), why);
    }

    [Fact]
    public void ALoopThatStopsEarlyKeepsItsSteps()
    {
        string gradient = Gradient("""
            [Differentiable]
            public static double F(double[] w, int n)
            {
                double s = 0.0;
                int p = 0;
                for (int j = 0; j < n; j++)
                {
                    if (w[j] > 10.0)
                    {
                        break;
                    }

                    s += w[p] * w[j];
                    p++;
                }

                return s;
            }
            """);
        Assert.DoesNotContain("global::System.Math.Max(0, n)", gradient);
        Assert.DoesNotContain("w[p + j]", gradient);
    }

    [Fact]
    public void AClosedFormFromIntMinValuePrintsNoLongLiteral()
    {
        // j - int.MinValue would fold to j + 2147483648, a long in C#: such sums stay as written (and wrap as int).
        string gradient = Gradient("""
            [Differentiable]
            public static double F(double[] w, int n)
            {
                double s = 0.0;
                int p = 0;
                for (int j = int.MinValue; j < int.MinValue + n; j++)
                {
                    s += w[p] * w[p];
                    p++;
                }

                return s;
            }
            """);
        Assert.DoesNotContain("2147483648", gradient.Replace("-2147483648", string.Empty, StringComparison.Ordinal));
        Assert.Contains("w[p + (j - -2147483648)]", gradient);
    }

    [Fact]
    public void AKernelOffsetWhoseFoldedLiteralLeavesIntIsPrintedUnfolded()
    {
        // m + 1 + 2147483647 would fold to m + 2147483648 (a long argument): the sum stays as written.
        string gradient = Gradient("""
            [Differentiable]
            public static double F(double[] w, double c, int m, int n)
            {
                double[] a = new double[n];
                for (int j = m + 1; j < n; j++)
                {
                    a[j + 2147483647] += c * w[j];
                }

                return a[0];
            }
            """);
        Assert.DoesNotContain("2147483648", gradient);
    }
}
