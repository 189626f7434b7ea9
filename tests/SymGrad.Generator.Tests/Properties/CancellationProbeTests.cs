using System;
using System.Reflection;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// <see cref="CancellationProbe"/>, which decides the call-graph points not judged when the differences disagree: it
/// must see a sum or difference that cancels, in an expression, in a <c>+=</c>, in a <c>-=</c> and inside a callee
/// reached through another type, must leave the copy's value exactly the program's, and must not see one where there is none.
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
    [InlineData(0.5, 0.25, 0, false)]
    [InlineData(0.5, 0.5, 0, true)] // t[0] - c: x - x
    [InlineData(1e9, 1.0, 0, false)] // operands of very different sizes: nothing cancels
    [InlineData(0.5, -1.0, 1, true)] // t[1] += c: 1 - 1
    [InlineData(0.5, 0.75, 1, false)]
    [InlineData(0.5, 1.0, 2, true)] // t[1] -= c: 1 - 1
    [InlineData(0.5, -0.5, 4, true)] // t[0] + c: x + (-x)
    [InlineData(0.5, 0.5, 4, false)]
    [InlineData(0.5, 0.25, 3, false)] // sinh(0.75) - cosh(0.75): no cancellation at all
    [InlineData(40.0, 0.5, 3, true)] // sinh(40.5) - cosh(40.5): e^40.5 / 2 - e^40.5 / 2, in the other type's callee
    public void SeesASumThatLosesItsValue(double x, double c, int mode, bool cancels)
    {
        GeneratorRun run = GeneratorHarness.Run(Program + "\n" + CancellationProbe.Instrument(Program) + CancellationProbe.Support);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        Assembly assembly = run.Load();
        var probed = assembly.GetType(CancellationProbe.ProbedName("Cancels"))!.GetMethod("F")!.CreateDelegate<Func<double, double, int, double>>();
        var method = assembly.GetType("Cancels")!.GetMethod("F")!.CreateDelegate<Func<double, double, int, double>>();
        FieldInfo flag = assembly.GetType("CancellationProbe")!.GetField("Lost")!;

        flag.SetValue(null, false);
        double value = probed(x, c, mode);

        Assert.Equal(method(x, c, mode), value);
        Assert.Equal(cancels, (bool)flag.GetValue(null)!);
    }
}
