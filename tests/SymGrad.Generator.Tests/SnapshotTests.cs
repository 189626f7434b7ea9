using System.Linq;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests;

/// <summary>
/// The generated code of representative methods, compared with approved files. Every snapshot's
/// output must also compile without errors or warnings.
/// </summary>
public class SnapshotTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "ConstantParameter", "public static double F(double x, [NoDerivative] double c, double y) => c * x * y + Math.Sin(x);" },
        { "SoftplusChain", "public static double F(double x, double y) => Math.Log(1 + Math.Exp(x * y));" },
        { "SigmoidUnit", "public static double F(double w0, double w1, double w2, [NoDerivative] double x1, [NoDerivative] double x2) => SymMath.Sigmoid(w0 + w1 * x1 + w2 * x2);" },
        {
            "SingleLogisticRows",
            """
            public static float F(float[] w, [NoDerivative] float[] x, [NoDerivative] float[] y, int m, int n)
            {
                float loss = 0f;
                for (int i = 0; i < m; i++)
                {
                    float z = 0.5f;
                    for (int j = 0; j < n; j++)
                    {
                        z += w[j] * x[i * n + j];
                    }

                    loss += SymMath.Softplus(z) - y[i] * z + 0.1f * MathF.Tanh(w[i % n]);
                }

                return loss / m;
            }
            """
        },
        {
            "CompoundAssignment",
            """
            public static double F(double x, double y)
            {
                double s = x;
                s += y;
                s *= x;
                s -= 2.0;
                s /= y;
                return s * s;
            }
            """
        },
        {
            "NestedIfElse",
            """
            public static double F(double x, double y)
            {
                double r;
                if (x > 0 && y > 0)
                {
                    if (x > y)
                        r = x * y;
                    else
                        r = Math.Exp(x - y);
                }
                else if (!(x < -1) || y == 0)
                {
                    r = Math.Sqrt(x * x + 1.0);
                }
                else
                {
                    r = y;
                }

                return r * x;
            }
            """
        },
        { "Ternary", "public static double F(double x) => x > 0 ? Math.Log(x) : -x * x;" },
        {
            "EarlyReturn",
            """
            public static double F(double x, double y)
            {
                if (x < 0)
                    return y * y;
                double t = Math.Tanh(x * y);
                return t + x;
            }
            """
        },
        { "MaxMinAbs", "public static double F(double x, double y) => Math.Max(x, y) * Math.Min(x, 2.0) + Math.Abs(x - y);" },
        { "PowConstantAndVariable", "public static double F(double x, double y) => Math.Pow(x, 3) + Math.Pow(x * x + 1.0, y);" },
        { "TrigAndHyperbolic", "public static double F(double x, double y) => Math.Sin(x) * Math.Cos(y) + Math.Tan(x * y) + Math.Atan(x) + Math.Sinh(y) + Math.Cosh(x);" },
        { "QuotientAndSqrt", "public static double F(double x, double y) => Math.Sqrt(x * x + y * y) / (1.0 + x);" },
        {
            "IntegerParameter",
            """
            public static double F(double x, int n, bool flip)
            {
                double scale = n / 2;
                double v = x * scale + n;
                return flip ? -v * SymMath.Softplus(x) : SymMath.Relu(v);
            }
            """
        },
        { "ConstantResult", "public static double F(double x, [NoDerivative] double y) => y * 2.0;" },
    };

    /// <summary>One case per loop shape: each is also checked by finite differences in the consumer tests.</summary>
    public static TheoryData<string, string> LoopCases() => new()
    {
        {
            // Issue 9 item 14: the last sum accumulates straight into the output; bounds print folded.
            "Loop_IndependentSumsOverOneArray",
            """
            public static double F(double[] a, double x, int n)
            {
                double s1 = 0;
                for (int i = 0; i <= n - 1; i++)
                {
                    s1 += a[i] * x;
                }

                double s2 = 0;
                for (int i = n - 1; i > 0; i--)
                {
                    s2 += Math.Sin(a[i]);
                }

                double s3 = 0;
                for (int i = 0; i < a.Length; i++)
                {
                    s3 += Math.Tanh(a[i]);
                }

                return s1 * s2 + s3;
            }
            """
        },
        {
            "Loop_FusedAccumulation",
            """
            public static double F(double[] w, [NoDerivative] double[] x, [NoDerivative] double[] y, int n)
            {
                double loss = 0;
                for (int i = 0; i < y.Length; i++)
                {
                    double z = w[0];
                    for (int j = 0; j < n; j++)
                    {
                        z += w[j + 1] * x[i * n + j];
                    }

                    loss += SymMath.Softplus(z) - y[i] * z;
                }

                return loss / y.Length;
            }
            """
        },
        {
            "Loop_HornerDescending",
            """
            public static double F(double x, double[] c)
            {
                double p = c[c.Length - 1];
                for (int i = c.Length - 2; i >= 0; i--)
                {
                    p = p * x + c[i];
                }

                return p;
            }
            """
        },
        {
            "Loop_Recurrence",
            """
            public static double F(double w, double[] u)
            {
                double h = 0;
                foreach (double ut in u)
                {
                    h = Math.Tanh(w * h + ut);
                }

                return h;
            }
            """
        },
        {
            "Loop_PrefixSums",
            """
            public static double F(double[] a)
            {
                double[] t = new double[a.Length];
                for (int i = 0; i < a.Length; i++)
                {
                    t[i] = a[i] * a[i];
                }

                for (int i = 1; i < a.Length; i++)
                {
                    t[i] += t[i - 1];
                }

                return t[a.Length - 1];
            }
            """
        },
        {
            "Loop_MaxReductionWithBranches",
            """
            public static double F(double[] a, double t)
            {
                double m = a[0];
                double s = 0;
                for (int i = 1; i < a.Length; i++)
                {
                    m = Math.Max(m, a[i]);
                    if (a[i] > t)
                        s += a[i] * t;
                    else
                        s -= a[i] < 0 ? a[i] * a[i] : t;
                }

                return m + s;
            }
            """
        },
        {
            "Loop_ScratchScoresLogSoftmax",
            """
            public static double F(double[] w, [NoDerivative] double[] x, ReadOnlySpan<int> y, int n, int k)
            {
                Span<double> z = stackalloc double[k];
                double loss = 0;
                for (int i = 0; i < y.Length; i++)
                {
                    for (int c = 0; c < k; c++)
                    {
                        double s = 0;
                        for (int j = 0; j < n; j++)
                        {
                            s += w[c * n + j] * x[i * n + j];
                        }

                        z[c] = s;
                    }

                    loss -= SymMath.LogSoftmax(z, y[i]);
                }

                return loss;
            }
            """
        },
        {
            "Lanes_NeighbourAdds",
            """
            public static double F(double[] x, int n)
            {
                double total = 0.0;
                for (int i = 0; i < n - 1; i++)
                {
                    total += Math.Log(1.0 + Math.Exp(x[i] * x[i + 1]));
                }

                return total;
            }
            """
        },
        {
            "Loop_SoftmaxRowLanes",
            """
            public static double F(double[] w, double[] b, [NoDerivative] double[] x, [NoDerivative] double[] y, int m, int n, int k)
            {
                double[] z = new double[k];
                double total = 0;
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

                    double sumExp = 0;
                    for (int c = 0; c < k; c++)
                    {
                        sumExp += Math.Exp(z[c] - max);
                    }

                    double lse = max + Math.Log(sumExp);
                    for (int c = 0; c < k; c++)
                    {
                        total += y[i * k + c] * (lse - z[c]);
                    }
                }

                return total / m;
            }
            """
        },
        {
            "Loop_TwoLayerTiles",
            """
            public static double F(double[] w1, double[] w2, [NoDerivative] double[] x, ReadOnlySpan<int> y, int n, int h, int k)
            {
                Span<double> a = stackalloc double[h];
                Span<double> z = stackalloc double[k];
                double loss = 0;
                for (int i = 0; i < y.Length; i++)
                {
                    for (int j = 0; j < h; j++)
                    {
                        double s = 0;
                        for (int t = 0; t < n; t++)
                        {
                            s += w1[j * n + t] * x[i * n + t];
                        }

                        a[j] = Math.Tanh(s);
                    }

                    for (int c = 0; c < k; c++)
                    {
                        double s = 0;
                        for (int j = 0; j < h; j++)
                        {
                            s += w2[c * h + j] * a[j];
                        }

                        z[c] = s;
                    }

                    loss -= SymMath.LogSoftmax(z, y[i]);
                }

                return loss;
            }
            """
        },
        {
            "Loop_VectorFunctions",
            """
            public static double F(double[] a, double[] b, [NoDerivative] double[,] m)
            {
                double[] p = new double[a.Length];
                SymMath.Softmax(a, p);
                return SymMath.Dot(p, b) + SymMath.LogSumExp(b) * m[0, 1];
            }
            """
        },
        {
            "Loop_WhileNewton",
            """
            public static double F(double a, double w)
            {
                double y = a;
                double step = 1;
                while (Math.Abs(step) > 1e-3)
                {
                    step = (y * y - a) / (2 * y);
                    y = y - step;
                }

                return w * y + y * y * y;
            }
            """
        },
        {
            "Loop_ContinueFused",
            """
            public static double F(double[] a, double x)
            {
                double s = 0;
                foreach (double v in a)
                {
                    if (v <= 0)
                    {
                        continue;
                    }

                    s += Math.Log(1 + v * x);
                }

                return s;
            }
            """
        },
        {
            "Loop_ConditionInFor",
            """
            public static double F(double[] a, double x)
            {
                double s = 0;
                for (int i = 0; i < a.Length && s < 3; i++)
                {
                    s += Math.Exp(a[i] * x);
                }

                return s;
            }
            """
        },
        {
            "Loop_ReturnFromInner",
            """
            public static double F(double[] a, double x)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++)
                {
                    for (int j = 0; j < a.Length; j++)
                    {
                        s += a[i] * a[j] * x;
                        if (s > 2)
                        {
                            return s * s;
                        }
                    }
                }

                return -s;
            }
            """
        },
        {
            "Loop_StridedDescending",
            """
            public static double F(double[] a, double x)
            {
                double s = 0;
                for (int i = a.Length - 1; i >= 0; i -= 3)
                {
                    s = Math.Sin(s * x + a[i]);
                }

                return s;
            }
            """
        },
        {
            "Loop_DoWhile",
            """
            public static double F(double x, double c)
            {
                double y = x;
                int n = 0;
                do
                {
                    y = y * 0.5 + c;
                    n++;
                }
                while (y > 1 && n < 100);

                return y * n;
            }
            """
        },
        {
            "Loop_BreakAndContinue",
            """
            public static double F(double[] a, double x)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++)
                {
                    double v = a[i] * x;
                    if (v < -0.5)
                    {
                        continue;
                    }
                    else if (v > 0.8)
                    {
                        s += v;
                        break;
                    }

                    s = s * 0.5 + v * v;
                }

                return s;
            }
            """
        },
    };

    [Theory]
    [MemberData(nameof(LoopCases))]
    public void GeneratedLoopCodeMatchesApprovedSnapshot(string name, string method) => GeneratedCodeMatchesApprovedSnapshot(name, method);

    [Theory]
    [MemberData(nameof(Cases))]
    public void GeneratedCodeMatchesApprovedSnapshot(string name, string method)
    {
        string source = $$"""
            using System;
            using SymGrad;

            namespace Snapshots;

            public static partial class Model
            {
                [Differentiable]
                {{method}}
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        Assert.Single(run.Generated);
        Snapshot.Match(name, run.Generated.Single().Source);
    }

    [Fact]
    public void NestedTypesKeepTheirKindsAndTheMethodItsAccessibility()
    {
        const string source = """
            using SymGrad;

            public partial struct Outer<T>
            {
                internal partial record Inner
                {
                    [Differentiable]
                    internal static double Square(double x) => x * x;
                }
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        Snapshot.Match("NestedTypes", run.Generated.Single().Source);
    }
}
