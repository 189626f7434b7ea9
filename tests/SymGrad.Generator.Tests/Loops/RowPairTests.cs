using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// Row groups two at a time (docs/how-it-works.md, "Row groups two at a time"; <c>Emission/RowLanePairs</c>): when a
/// <c>double</c> row body is paired, when it is not, and the second group's names. The paired gradients are checked
/// against finite differences and their <c>ExactSums</c> twins in the consumer tests (<c>RowLaneGradientTests</c>).
/// </summary>
public class RowPairTests
{
    /// <summary>Softmax regression in <paramref name="type"/>, the targets' sum written as <paramref name="targets"/> and <paramref name="after"/> after the loop.</summary>
    private static string Softmax(string targets, string type = "double", string after = "") => $$"""
        public static {{type}} F({{type}}[] w, [NoDerivative] {{type}}[] x, [NoDerivative] {{type}}[] y, int m, int n, int k)
        {
            {{type}}[] z = new {{type}}[k];
            {{type}} total = 0;
            for (int i = 0; i < m; i++)
            {
                for (int c = 0; c < k; c++)
                {
                    {{type}} s = 0;
                    for (int j = 0; j < n; j++)
                    {
                        s += w[c * n + j] * x[i * n + j];
                    }

                    z[c] = s;
                }

                {{type}} max = z[0];
                for (int c = 1; c < k; c++)
                {
                    max = {{(type == "float" ? "MathF" : "Math")}}.Max(max, z[c]);
                }

                {{type}} sumExp = 0;
                for (int c = 0; c < k; c++)
                {
                    sumExp += {{(type == "float" ? "MathF" : "Math")}}.Exp(z[c] - max);
                }

                {{type}} lse = max + {{(type == "float" ? "MathF" : "Math")}}.Log(sumExp);
                {{targets}}
            }

            {{after}}
            return total;
        }
        """;

    private const string OneSum = """
        for (int c = 0; c < k; c++)
                {
                    total += y[i * k + c] * (lse - z[c]);
                }
        """;

    private static string Gradient(string method) => GeneratedGradient.Of("Pairing", method);

    [Fact]
    public void ADoubleBodyRunsTwoGroupsAtATimeWhereTheSwitchSays()
    {
        string gradient = Gradient(Softmax(OneSum));
        Assert.Contains("bool rowPairs = rowLanes && global::System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated && m >= 2 * global::SymGrad.Lanes.Count && global::SymGrad.Lanes.FitsRows(2 * (", gradient);
        Assert.Contains("double[] zLanesBufferSecond = rowPairs ? global::SymGrad.ScratchPool<double>.Rent(", gradient);
        Assert.Contains("int iSecond = i + global::SymGrad.Lanes.Count;", gradient);
        Assert.Contains("maxSecond = global::System.Runtime.Intrinsics.Vector512.Max(maxSecond, zLanesSecond[c]);", gradient);
        Assert.Contains("global::SymGrad.ScratchPool<double>.Return(zLanesBufferSecond);", gradient);
    }

    [Fact]
    public void TheSecondGroupsNamesStayClearOfTheMethodsLocals()
    {
        // The method's own maxSecond is declared after the loop, where the pairs' text has not reached yet.
        string gradient = Gradient(Softmax(OneSum, after: "double maxSecond = total; total = maxSecond;"));
        Assert.Contains("maxSecond2 = global::System.Runtime.Intrinsics.Vector512.Max(maxSecond2, zLanesSecond[c]);", gradient);
    }

    [Fact]
    public void ASharedSumUpdatedByTwoStatementsKeepsTheGroupsOneAtATime()
    {
        // The rows add to db in two statements of the body (the score's bias and the penalty's): paired, the second
        // group's first addition would come before the first group's second.
        string gradient = Gradient("""
            public static double F(double[] w, double[] b, [NoDerivative] double[] x, [NoDerivative] double[] y, int m, int n, int k)
            {
                double[] z = new double[k];
                double total = 0.0;
                for (int i = 0; i < m; i++)
                {
                    for (int c = 0; c < k; c++)
                    {
                        double s = b[c];
                        for (int j = 0; j < n; j++)
                        {
                            s += w[c * n + j] * x[i * n + j];
                        }

                        z[c] = s;
                    }

                    double max = z[0];
                    for (int c = 1; c < k; c++)
                    {
                        max = Math.Max(max, z[c]);
                    }

                    double sumExp = 0.0;
                    for (int c = 0; c < k; c++)
                    {
                        sumExp += Math.Exp(z[c] - max);
                    }

                    double lse = max + Math.Log(sumExp);
                    for (int c = 0; c < k; c++)
                    {
                        total += y[i * k + c] * (lse - z[c]);
                    }

                    double scale = x[i * n];
                    for (int c = 0; c < k; c++)
                    {
                        total += scale * b[c] * b[c];
                    }
                }

                return total;
            }
            """);
        Assert.Contains("RowGroups1(", gradient);
        Assert.DoesNotContain("RowPairs1(", gradient);
        Assert.DoesNotContain("rowPairs", gradient);
    }

    [Fact]
    public void AFloatBodyKeepsTheGroupsOneAtATime()
    {
        string gradient = GeneratedGradient.Of("Pairing", Softmax(OneSum, type: "float"));
        Assert.Contains("RowGroups1(", gradient);
        Assert.DoesNotContain("RowPairs1(", gradient);
        Assert.DoesNotContain("rowPairs", gradient);
    }
}
