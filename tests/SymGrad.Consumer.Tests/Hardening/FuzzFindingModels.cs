using System;

namespace SymGrad.Consumer.Tests.Hardening;

/// <summary>Methods shaped like inputs the fuzzing command found to break the generator (docs/reliability.md), differentiated as users would.</summary>
public static partial class FuzzFindingModels
{
    /// <summary>Locals with verbatim keyword names: the generated code once declared <c>double double</c> (CS1001).</summary>
    [Differentiable]
    public static double VerbatimLocal(double x, double y)
    {
        double @double = x * y;
        double @int = @double + Math.Sin(x);
        return @double * @int;
    }
}
