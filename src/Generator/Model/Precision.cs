namespace SymGrad.Generator.Model;

/// <summary>
/// The floating-point type a method computes in (see docs/single-precision.md). The IR is the same for
/// both: <see cref="IR.ValueKind.Double"/> means "a real value of the method's precision", and only the
/// emitted text differs (<c>float</c>, <c>MathF</c>, <c>0.5f</c>).
/// </summary>
internal enum Precision
{
    Double,
    Single,
}

/// <summary>The C# text of a precision.</summary>
internal static class PrecisionText
{
    /// <summary><c>double</c> or <c>float</c>.</summary>
    public static string Keyword(this Precision precision) => precision == Precision.Single ? "float" : "double";
}
