using System;
using System.Reflection;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// <see cref="CancellationProbe"/>, which decides the call-graph points not judged when the differences disagree: it
/// must see a sum or difference that cancels operands large enough for their rounding to show (above about 9e6), in an
/// expression, in a <c>+=</c>, in a <c>-=</c> and inside a callee reached through another type, and name it; must leave
/// the copy's value exactly the program's; and must not see an exact cancellation of small values, one of two identical
/// expressions, or large operands that do not cancel.
/// </summary>
public class CancellationProbeTests
{
    private const string Program =
        """
        using System;
        using SymGrad;

        public static partial class Cancels
        {
            [Differentiable]
            public static double Callee(double y) => Math.Sinh(y) - Math.Cosh(y) + 2.0;

            [Differentiable]
            public static double F(double x, [NoDerivative] double c, int mode)
            {
                double[] t = new double[2];
                for (int i = 0; i < t.Length; i++)
                {
                    t[i] = x * (i + 1);
                }
                double s = 1.0;
                if (mode == 0) { s += t[0] - c; }
                if (mode == 1) { t[1] += c; s = s * t[1]; }
                if (mode == 2) { t[1] -= c; s = s * t[1]; }
                if (mode == 3) { s = CancelsToo.G(x + c); }
                if (mode == 4) { s = Math.Exp(t[0] + c); }
                if (mode == 5) { s = Math.Exp(x * 40.0) - Math.Exp(x * 40.0) + c; }
                return Math.Atan(s);
            }
        }

        public static partial class CancelsToo
        {
            [Differentiable]
            public static double G(double z) => Cancels.Callee(z) * z;
        }
        """;

    [Theory]
    [InlineData(0.5, 0.25, 0, null)]
    [InlineData(1e8, 1e8, 0, "t[0] - c")] // operands of 1e8: half an ulp is 7.5e-9
    [InlineData(1e6, 1e6, 0, null)] // exact, and operands of 1e6 round by 1.2e-10 at most: nothing differences could see
    [InlineData(0.5, 0.5, 0, null)] // x - x near 1: exact
    [InlineData(1e9, 1.0, 0, null)] // operands of very different sizes: nothing cancels
    [InlineData(0.5e8, -1e8, 1, "t[1] += c")]
    [InlineData(0.5, 0.75, 1, null)]
    [InlineData(0.5e8, 1e8, 2, "t[1] -= c")]
    [InlineData(1e8, -1e8, 4, "t[0] + c")]
    [InlineData(1e8, 1e8, 4, null)]
    [InlineData(0.5, 0.25, 3, null)] // sinh(0.75) - cosh(0.75): no cancellation at all
    [InlineData(40.0, 0.5, 3, "Math.Sinh(y) - Math.Cosh(y)")] // e^40.5 / 2 - e^40.5 / 2, in the other type's callee
    [InlineData(1.0, 0.5, 5, null)] // e^40 - e^40 of one expression written twice: not probed
    public void SeesASumThatLosesItsValue(double x, double c, int mode, string? site)
    {
        GeneratorRun run = GeneratorHarness.Run(Program + "\n" + CancellationProbe.Instrument(Program) + CancellationProbe.Support);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        Assembly assembly = run.Load();
        var probed = assembly.GetType(CancellationProbe.ProbedName("Cancels"))!.GetMethod("F")!.CreateDelegate<Func<double, double, int, double>>();
        var method = assembly.GetType("Cancels")!.GetMethod("F")!.CreateDelegate<Func<double, double, int, double>>();
        FieldInfo seen = assembly.GetType("CancellationProbe")!.GetField("Site")!;

        seen.SetValue(null, null);
        double value = probed(x, c, mode);

        Assert.Equal(method(x, c, mode), value);
        Assert.Equal(site, (string?)seen.GetValue(null));
    }

    [Fact]
    public void RefusesACompoundAssignmentWhoseTargetReadTwiceCouldDiffer()
    {
        const string source = "public static class C\n{\n    public static double F(double[] a, double x)\n    {\n        int i = 0;\n        a[i++] += x;\n        return a[0];\n    }\n}\n";
        NotSupportedException refused = Assert.Throws<NotSupportedException>(() => CancellationProbe.Instrument(source));
        Assert.Contains("a[i++] += x", refused.Message);
    }
}
