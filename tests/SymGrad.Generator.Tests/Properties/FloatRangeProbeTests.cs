using System;
using System.Reflection;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// <see cref="FloatRangeProbe"/>, which decides the loop programs' points counted instead of judged: it must see an
/// intermediate past <c>float</c>'s range inside an expression, in a stored element, in a loop's sum and in a call's argument, though the value
/// stays finite, and must not see one where there is none.
/// </summary>
public class FloatRangeProbeTests
{
    private const string Method =
        "    [Differentiable]\n"
        + "    public static float F(float[] a, float x, [NoDerivative] float[] b)\n"
        + "    {\n"
        + "        float[] q = new float[a.Length];\n"
        + "        for (int j = 0; j < q.Length; j++)\n"
        + "        {\n"
        + "            q[j] = MathF.Exp(x * a[j]);\n"
        + "        }\n"
        + "        float norm = 0;\n"
        + "        for (int j = 0; j < q.Length; j++)\n"
        + "        {\n"
        + "            norm += q[j] * b[j];\n"
        + "        }\n"
        + "        return MathF.Atan(x * x * x) + MathF.Atan(MathF.Exp(x)) + MathF.Tanh(norm);\n"
        + "    }\n";

    [Theory]
    [InlineData(1f, 1f, 1f, false)]
    [InlineData(80f, 1f, 1f, false)] // two of e^80, 5.5e34: within float's range
    [InlineData(90f, 1f, 1f, true)] // an element: e^90 is past 3.4e38
    [InlineData(88f, 1f, 1.5f, true)] // the sum: each product, 1.5 e^88, is 2.5e38; two of them are not
    [InlineData(1f, -1e13f, 1f, true)] // a product inside an expression: x * x * x is -1e39 while the atan of it is finite (and e^x is 0)
    [InlineData(1f, 100f, 1f, true)] // a call inside a call: e^100 while the atan of it is finite
    [InlineData(1f, 80f, 1f, false)]
    public void SeesAnIntermediatePastFloatsRangeWhileTheValueIsFinite(float scale, float x, float weight, bool past)
    {
        string source = "using System;\nusing SymGrad;\npublic static partial class Probed\n{\n"
            + Method + FloatRangeProbe.Instrument(Method, "R") + "}\n" + FloatRangeProbe.Support;
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        Assembly assembly = run.Load();
        var probed = assembly.GetType("Probed")!.GetMethod("R")!.CreateDelegate<Func<float[], float, float[], float>>();
        var method = assembly.GetType("Probed")!.GetMethod("F")!.CreateDelegate<Func<float[], float, float[], float>>();
        FieldInfo flag = assembly.GetType("RangeProbe")!.GetField("Past")!;

        float[] a = { scale / x, scale / x, -scale / x }, b = { weight, weight, weight };
        flag.SetValue(null, false);
        float value = probed(a, x, b);

        Assert.Equal(method(a, x, b), value);
        Assert.True(float.IsFinite(value));
        Assert.Equal(past, (bool)flag.GetValue(null)!);
    }
}
