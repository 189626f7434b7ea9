using System.Linq;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// Which real type (<c>float</c> or <c>double</c>) a type, a signature or a conversion involves. A method
/// computes in one precision, its signature's; mixing the two is reported (SYMGRAD0009 in the signature,
/// SYMGRAD0019 in the body).
/// </summary>
internal static class Precisions
{
    /// <summary>The real type of a scalar, or of the elements of an array, span or matrix: null when it has none.</summary>
    public static Precision? Of(ITypeSymbol? type)
    {
        ITypeSymbol? element = type switch
        {
            IArrayTypeSymbol array => array.ElementType,
            INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } span
                when span.ContainingNamespace?.ToDisplayString() == "System" && span.Name is "Span" or "ReadOnlySpan" => span.TypeArguments[0],
            _ => type,
        };
        return element?.SpecialType switch
        {
            SpecialType.System_Double => Precision.Double,
            SpecialType.System_Single => Precision.Single,
            _ => null,
        };
    }

    /// <summary>Whether the signature's return type and parameters name both <c>float</c> and <c>double</c>.</summary>
    public static bool SignatureMixes(IMethodSymbol method)
    {
        Precision?[] used = method.Parameters.Select(p => Of(p.Type)).Append(Of(method.ReturnType)).Where(p => p is not null).Distinct().ToArray();
        return used.Length > 1;
    }

    /// <summary>The method's precision: <c>float</c> when its signature has a <c>float</c>, <c>double</c> otherwise.</summary>
    public static Precision OfSignature(IMethodSymbol method) =>
        method.Parameters.Any(p => Of(p.Type) == Precision.Single) || Of(method.ReturnType) == Precision.Single ? Precision.Single : Precision.Double;
}
