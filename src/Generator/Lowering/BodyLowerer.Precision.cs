using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// One precision per method (docs/single-precision.md): the IR has one real kind, printed as the
/// method's <c>float</c> or <c>double</c>, so every real value of the other type is reported
/// (SYMGRAD0019) unless the user converts it explicitly. Inside an explicit conversion the operand is
/// computed in the method's precision too, which the docs state.
/// </summary>
internal sealed partial class BodyLowerer
{
    /// <summary>How many explicit float/double conversions enclose the expression being lowered.</summary>
    private int explicitRealConversions;

    private Precision? precision;

    /// <summary>The method's precision, read from its signature once.</summary>
    private Precision Precision => precision ??= Precisions.OfSignature(method);

    private string OtherKeyword => Precision == Precision.Single ? "double" : "float";

    /// <summary>Reports a local (or foreach variable) declared in the other precision; true when it is fine.</summary>
    private bool CheckLocalPrecision(ILocalSymbol local, SyntaxNode at)
    {
        if (Precisions.Of(local.Type) is not { } precision || precision == Precision)
        {
            return true;
        }

        Report(DiagnosticDescriptors.MixedPrecision, at, "The local '" + local.Name + "' is " + local.Type.ToDisplayString(), Precision.Keyword(), "declare it " + local.Type.ToDisplayString().Replace(OtherKeyword, Precision.Keyword()));
        return false;
    }

    /// <summary>
    /// A conversion between <c>float</c> and <c>double</c>: explicit ones are computed in the method's
    /// precision; an implicit one (mixed arithmetic such as <c>x * 0.5</c> with a <c>float x</c>) is reported
    /// unless an explicit conversion encloses it (<c>(float)Math.Exp(x)</c>). Null when it is not such a conversion.
    /// </summary>
    private Expr? TryLowerRealConversion(IConversionOperation conversion)
    {
        Precision? from = Precisions.Of(conversion.Operand.Type);
        Precision? to = Precisions.Of(conversion.Type);
        if (conversion.OperatorMethod is not null || from is null || to is null || from == to
            || MethodLowerer.KindOf(conversion.Operand.Type!) is null || MethodLowerer.KindOf(conversion.Type!) is null)
        {
            return null;
        }

        if (conversion.IsImplicit && explicitRealConversions == 0)
        {
            string suggestion = Precision == Precision.Single
                ? "write float literals (0.5f), MathF functions and float locals, or convert explicitly with (float)"
                : "write double literals and Math functions, or convert explicitly with (double)";
            Report(DiagnosticDescriptors.MixedPrecision, conversion.Syntax, "'" + OneLine(conversion.Operand.Syntax) + "' is " + from.Value.Keyword() + " and converted implicitly to " + to.Value.Keyword(), Precision.Keyword(), suggestion);
            return Invalid;
        }

        explicitRealConversions += conversion.IsImplicit ? 0 : 1;
        try
        {
            return LowerExpression(conversion.Operand);
        }
        finally
        {
            explicitRealConversions -= conversion.IsImplicit ? 0 : 1;
        }
    }

    /// <summary>Reports a call to a user method that computes in the other precision; true when it is fine.</summary>
    private bool CheckCalleePrecision(IMethodSymbol target, IInvocationOperation invocation)
    {
        if (Precisions.SignatureMixes(target) || Precisions.OfSignature(target) == Precision
            || (Precisions.Of(target.ReturnType) is null && !target.Parameters.Any(p => Precisions.Of(p.Type) is not null)))
        {
            return true;
        }

        Report(DiagnosticDescriptors.MixedPrecision, invocation.Syntax, "'" + target.ContainingType.Name + "." + target.Name + "' computes in " + Precisions.OfSignature(target).Keyword(), Precision.Keyword(), "call a " + Precision.Keyword() + " method (its generated derivatives are " + Precisions.OfSignature(target).Keyword() + ")");
        return false;
    }

    /// <summary>A static field of the other precision, read inside an explicit conversion: cast where it is read.</summary>
    private Expr FieldOfPrecision(IFieldReferenceOperation field, ValueKind kind)
    {
        string code = field.Field.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return Precisions.Of(field.Type) is { } precision && precision != Precision && kind == ValueKind.Double
            ? new Opaque("(" + Precision.Keyword() + ")" + code, kind)
            : new Opaque(code, kind);
    }
}
