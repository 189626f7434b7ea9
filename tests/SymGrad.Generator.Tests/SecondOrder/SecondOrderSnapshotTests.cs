using System.Linq;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.SecondOrder;

/// <summary>
/// The forward-mode code of three methods, compared with approved files (issue 11): a sum over
/// samples (the tangent and the Hessian-vector product through a fused loop), a recurrence with taped
/// state (the tangent tape), and a vector-valued method (pullback, tangent and Jacobian). Each must
/// read as a derivation: every tangent beside the value it differentiates.
/// </summary>
public class SecondOrderSnapshotTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        {
            "SecondOrder_LogisticLoss",
            """
            [Differentiable(Tangent = true, Hessian = true)]
            public static double F(double[] w, [NoDerivative] double[] x, [NoDerivative] double[] y)
            {
                int n = w.Length;
                double loss = 0.0;
                for (int i = 0; i < y.Length; i++)
                {
                    double z = 0.0;
                    for (int j = 0; j < n; j++)
                    {
                        z += w[j] * x[i * n + j];
                    }

                    loss += SymMath.Softplus(z) - y[i] * z;
                }

                return loss / y.Length;
            }
            """
        },
        {
            "SecondOrder_TapedRecurrence",
            """
            [Differentiable(Tangent = true, Hessian = true)]
            public static double F(double a, double[] u)
            {
                double h = 0.0;
                foreach (double ut in u)
                {
                    h = Math.Tanh(a * h + ut);
                }

                return h * Math.Exp(a);
            }
            """
        },
        {
            "SecondOrder_VectorValued",
            """
            [Differentiable(Tangent = true)]
            public static void F(double[] p, [NoDerivative] double[] x, Span<double> output)
            {
                for (int i = 0; i < output.Length; i++)
                {
                    double z = p[0] + p[1] * x[i];
                    output[i] = Math.Exp(z) * p[2];
                }
            }
            """
        },
    };

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
                {{method}}
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        Snapshot.Match(name, run.Generated.Single().Source);
    }
}
