using System;

namespace SymGrad.Consumer.Tests.Hardening;

/// <summary>Methods shaped like inputs the fuzzing command found to break the generator (docs/reliability.md), differentiated as users would.</summary>
public static partial class FuzzFindingModels
{
    /// <summary>Locals with verbatim keyword names: the generated code once declared <c>double double</c> (CS1001).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double VerbatimLocal(double x, double y)
    {
        double @double = x * y;
        double @int = @double + Math.Sin(x);
        return @double * @int;
    }

    /// <summary>A verbatim loop counter: the generated loop header once read <c>for (int double = 0; ...)</c> (CS1525).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double VerbatimCounter(double[] a, double x)
    {
        double s = 0;
        for (int @double = 0; @double < a.Length; @double++)
        {
            s += a[@double] * Math.Sin(x * @double);
        }

        return s;
    }

    /// <summary>A reassigned verbatim parameter: its new version was once declared with the parameter's own name (CS0136).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double VerbatimParameter(double @class, double y)
    {
        @class--;
        @class *= y;
        return @class * Math.Exp(y);
    }
}

/// <summary>A containing type with a verbatim name: the generated declaration once read <c>partial class checked</c> (CS1001).</summary>
public static partial class @checked
{
    [Differentiable(Tangent = true, Hessian = true)]
    public static double Square(double x) => x * x;
}
