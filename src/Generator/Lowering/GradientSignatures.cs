using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Analyzers;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// Signatures (parameter types with their ref kinds, comma-separated) of the <c>{Name}Gradient</c>
/// methods that exist or will exist beside the one being generated: methods the user declared with
/// that name, and the gradients of other <c>[Differentiable]</c> overloads of the same name. The
/// overloads generated for optional parameters skip these signatures, which would otherwise be
/// CS0111 inside the generated file (<c>F(double x)</c> and <c>F(double x, int n = 1)</c> both give
/// <c>FGradient(double x, out double dx)</c>). Compared as text, so they stay plain values.
/// </summary>
internal static class GradientSignatures
{
    public static EquatableArray<string> TakenBesides(IMethodSymbol method, INamedTypeSymbol differentiableAttribute)
    {
        var taken = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (IMethodSymbol declared in method.ContainingType.GetMembers(method.Name + "Gradient").OfType<IMethodSymbol>())
        {
            taken.Add(string.Join(",", declared.Parameters.Select(p => RefPrefix(p.RefKind) + TypeText(p.Type))));
        }

        foreach (IMethodSymbol other in method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>())
        {
            if (!SymbolEqualityComparer.Default.Equals(other, method)
                && other.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, differentiableAttribute)))
            {
                IEnumerable<string> inputs = other.Parameters.Select(p => RefPrefix(p.RefKind) + TypeText(p.Type));
                string real = Precisions.OfSignature(other).Keyword();
                IEnumerable<string> outputs = other.Parameters.Where(SignatureRules.IsDifferentiated)
                    .Select(p => MethodLowerer.IsArrayKind(MethodLowerer.AnyKindOf(p.Type) ?? IR.ValueKind.Double) ? SpanOf(real) : "out " + real);
                taken.Add(string.Join(",", inputs.Concat(outputs)));
            }
        }

        return taken.ToEquatableArray();
    }

    /// <summary>
    /// A member the user declared that the main <c>{Name}Gradient</c> would clash with: anything of
    /// that name that is not a method, or a method with exactly its parameters. Null when none.
    /// </summary>
    public static ISymbol? ClashWithMain(IMethodSymbol method, IReadOnlyList<ParameterModel> parameters) =>
        ClashWith(method, method.Name + "Gradient", Of(parameters, parameters.Count, Precisions.OfSignature(method)));

    /// <summary>A member the user declared that the generated <c>{Name}Pullback</c> would clash with, or null.</summary>
    public static ISymbol? ClashWithPullback(IMethodSymbol method, IReadOnlyList<ParameterModel> parameters) =>
        ClashWith(method, method.Name + "Pullback", PullbackOf(parameters, Precisions.OfSignature(method)));

    /// <summary>The pullback's signature: the parameters, the seed, then <c>ref double</c> or span outputs.</summary>
    public static string PullbackOf(IReadOnlyList<ParameterModel> parameters, Precision precision) =>
        string.Join(",", parameters.Select(p => p.TypeText.TrimEnd('?')).Concat(new[] { precision.Keyword() })
            .Concat(parameters.Where(p => p.IsDifferentiated).Select(p => p.IsArray ? SpanOf(precision.Keyword()) : "ref " + precision.Keyword())));

    /// <summary>
    /// A member the user declared that a forward-mode method asked for by the attribute (or a vector-valued
    /// method's Jacobian and tangent) would clash with, and that method's name; null when none.
    /// </summary>
    public static (ISymbol Clash, string Generated)? ClashWithExtras(IMethodSymbol method, IReadOnlyList<ParameterModel> parameters, bool tangent, bool hessian, bool vector)
    {
        string real = Precisions.OfSignature(method).Keyword();
        string readOnlySpan = "global::System.ReadOnlySpan<" + real + ">";
        string span = SpanOf(real);
        IEnumerable<string> inputs = parameters.Select(p => p.TypeText.TrimEnd('?'));
        List<ParameterModel> differentiated = parameters.Where(p => p.IsDifferentiated).ToList();
        IEnumerable<string> directions = differentiated.Select(p => p.IsArray ? readOnlySpan : real);
        IEnumerable<string> outputs = differentiated.Select(p => p.IsArray ? span : "out " + real);
        var generated = new List<(string Name, IEnumerable<string> Signature)>();
        if (vector)
        {
            generated.Add((method.Name + "Pullback", inputs.Append(readOnlySpan).Concat(differentiated.Select(p => p.IsArray ? span : "ref " + real))));
            generated.Add((method.Name + "Jacobian", inputs.Append(span)));
            generated.Add((method.Name + (tangent ? "Tangent" : "JacobianColumn"), inputs.Concat(directions).Append(span)));
        }
        else
        {
            if (tangent)
            {
                generated.Add((method.Name + "Tangent", inputs.Concat(directions).Append("out " + real)));
            }

            if (hessian)
            {
                generated.Add((method.Name + "HessianVectorProduct", inputs.Concat(directions).Concat(outputs)));
                generated.Add((method.Name + "Hessian", inputs.Concat(outputs).Append(span)));
            }
        }

        foreach ((string name, IEnumerable<string> signature) in generated)
        {
            if (ClashWith(method, name, string.Join(",", signature)) is { } clash)
            {
                return (clash, name);
            }
        }

        return null;
    }

    private static ISymbol? ClashWith(IMethodSymbol method, string name, string signature)
    {
        string main = signature;
        foreach (ISymbol member in method.ContainingType.GetMembers(name))
        {
            if (member is not IMethodSymbol declared
                || string.Join(",", declared.Parameters.Select(p => RefPrefix(p.RefKind) + TypeText(p.Type))) == main)
            {
                return member;
            }
        }

        return null;
    }

    /// <summary>The signature of a generated gradient overload that keeps the first <paramref name="kept"/> parameters.</summary>
    public static string Of(IReadOnlyList<ParameterModel> parameters, int kept, Precision precision) =>
        string.Join(",", parameters.Take(kept).Select(p => p.TypeText.TrimEnd('?'))
            .Concat(parameters.Where(p => p.IsDifferentiated).Select(p => p.IsArray ? SpanOf(precision.Keyword()) : "out " + precision.Keyword())));

    private static string SpanOf(string real) => "global::System.Span<" + real + ">";

    private static string TypeText(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).TrimEnd('?');

    private static string RefPrefix(RefKind kind) => kind switch
    {
        RefKind.Out => "out ",
        RefKind.Ref => "ref ",
        RefKind.In => "in ",
        _ => string.Empty,
    };
}
