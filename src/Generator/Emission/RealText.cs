using System.Globalization;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Emission;

/// <summary>
/// The C# text of a method's real type (docs/single-precision.md): <c>double</c> and <c>Math</c>, or
/// <c>float</c> and <c>MathF</c>. Every emitter takes its type names from here, so a <c>float</c> method's
/// generated code never mentions <c>double</c> except where the runtime stores one (the tape).
/// </summary>
internal sealed class RealText
{
    private static readonly RealText DoubleText = new(Precision.Double);
    private static readonly RealText SingleText = new(Precision.Single);

    private RealText(Precision precision)
    {
        Precision = precision;
        Keyword = precision.Keyword();
        Span = "global::System.Span<" + Keyword + ">";
        ReadOnlySpan = "global::System.ReadOnlySpan<" + Keyword + ">";
        Pool = "global::SymGrad.ScratchPool<" + Keyword + ">";
        Math = precision == Precision.Single ? "global::System.MathF" : "global::System.Math";
    }

    public Precision Precision { get; }

    /// <summary><c>double</c> or <c>float</c>.</summary>
    public string Keyword { get; }

    /// <summary><c>global::System.Span&lt;double&gt;</c> (no trailing space).</summary>
    public string Span { get; }

    /// <summary><c>global::System.ReadOnlySpan&lt;double&gt;</c> (no trailing space).</summary>
    public string ReadOnlySpan { get; }

    /// <summary>The runtime's scratch pool of the real type (<c>global::SymGrad.ScratchPool&lt;double&gt;</c>).</summary>
    public string Pool { get; }

    /// <summary><c>global::System.Math</c> or <c>global::System.MathF</c>.</summary>
    public string Math { get; }

    public static RealText Of(Precision precision) => precision == Precision.Single ? SingleText : DoubleText;

    public static RealText Of(MethodModel method) => Of(method.Precision);

    /// <summary>A literal of the real type that round-trips: <c>0.5</c>, <c>0.5f</c>, <c>float.NaN</c>.</summary>
    public string Literal(double value)
    {
        if (Precision == Precision.Double)
        {
            return ExpressionPrinter.Literal(value);
        }

        float single = (float)value;
        if (float.IsNaN(single))
        {
            return "float.NaN";
        }

        if (float.IsInfinity(single))
        {
            return single > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity";
        }

        return single.ToString("R", CultureInfo.InvariantCulture) + "f";
    }
}
