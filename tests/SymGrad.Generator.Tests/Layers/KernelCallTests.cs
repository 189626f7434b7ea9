using System.Linq;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Layers;

/// <summary>
/// Which generated loops become one <c>Kernels.AddScaled</c> call (issue 12): an invariant scalar times a
/// contiguous run added to a contiguous run; not a loop that does more (a fused loop computing its
/// iteration's value beside the update), nor a dot product (its sum would change order).
/// </summary>
public class KernelCallTests
{
    [Fact]
    public void TheReverseUpdateOfARowBecomesOneKernelCall()
    {
        string gradient = Generate("""
            [Differentiable]
            public static double F(double[] w, [NoDerivative] double[] x, int n)
            {
                double loss = 0.0;
                for (int i = 0; i < x.Length / n; i++)
                {
                    double z = 0.0;
                    for (int j = 0; j < n; j++)
                    {
                        z += w[j] * x[i * n + j];
                    }

                    loss += Math.Log(1.0 + z * z);
                }

                return loss;
            }
            """);

        Assert.Contains("global::SymGrad.Kernels.AddScaled(dw, 0, ", gradient);
        Assert.Contains(", x, i * n, n);", gradient);
        Assert.Contains("z += w[j] * x[i * n + j];", gradient); // the dot product stays a loop
    }

    [Fact]
    public void AFusedLoopStaysALoop()
    {
        string gradient = Generate("""
            [Differentiable]
            public static double F(double[] w, [NoDerivative] double[] x, [NoDerivative] double[] c)
            {
                double loss = 0.0;
                for (int j = 0; j < w.Length; j++)
                {
                    loss += w[j] * (x[j] * c[0]);
                }

                return loss;
            }
            """);

        string fGradient = gradient[gradient.IndexOf(" FGradient(", System.StringComparison.Ordinal)..gradient.IndexOf(" FPullback(", System.StringComparison.Ordinal)];
        Assert.Contains("dw[j] += product;", fGradient);
        Assert.DoesNotContain("Kernels.AddScaled", fGradient);
    }

    private static string Generate(string method)
    {
        GeneratorRun run = GeneratorHarness.RunMembers("Kernels", method);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        return run.Generated.Single().Source;
    }
}
