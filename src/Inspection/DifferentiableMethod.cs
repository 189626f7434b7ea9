using System.Collections.Generic;

namespace SymGrad.Inspection;

/// <summary>One parameter as C# shows it: <c>double x</c>, <c>out double dx</c>, <c>Span&lt;double&gt; dw</c>.</summary>
public sealed record ParameterInfo(string Modifier, string Type, string Name)
{
    /// <summary>The parameter as in a C# signature.</summary>
    public override string ToString() => (Modifier.Length > 0 ? Modifier + " " : string.Empty) + Type + " " + Name;
}

/// <summary>
/// A <c>[Differentiable]</c> method of a compiled assembly: its namespace, type (nested types joined by dots), name and
/// parameters, and the derivative outputs of the <c>{Name}Gradient</c> SymGrad generated for it (null when there is
/// none, for example when the method had a SYMGRAD error).
/// </summary>
public sealed record DifferentiableMethod(
    string? Namespace,
    string TypeName,
    string Name,
    IReadOnlyList<ParameterInfo> Parameters,
    IReadOnlyList<string> NoDerivative,
    IReadOnlyList<ParameterInfo>? DerivativeOutputs)
{
    /// <summary><c>Type.Method</c>, as the generated files' headers and <c>symgrad show</c> name it.</summary>
    public string Model => TypeName + "." + Name;
}
