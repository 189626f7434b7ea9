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
                IEnumerable<string> outputs = other.Parameters.Where(SignatureRules.IsDifferentiated)
                    .Select(p => MethodLowerer.IsArrayKind(MethodLowerer.AnyKindOf(p.Type) ?? IR.ValueKind.Double) ? SpanOfDouble : "out double");
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
        ClashWith(method, method.Name + "Gradient", Of(parameters, parameters.Count));

    /// <summary>A member the user declared that the generated <c>{Name}Pullback</c> would clash with, or null.</summary>
    public static ISymbol? ClashWithPullback(IMethodSymbol method, IReadOnlyList<ParameterModel> parameters) =>
        ClashWith(method, method.Name + "Pullback", PullbackOf(parameters));

    /// <summary>The pullback's signature: the parameters, the seed, then <c>ref double</c> or span outputs.</summary>
    public static string PullbackOf(IReadOnlyList<ParameterModel> parameters) =>
        string.Join(",", parameters.Select(p => p.TypeText.TrimEnd('?')).Concat(new[] { "double" })
            .Concat(parameters.Where(p => p.IsDifferentiated).Select(p => p.IsArray ? SpanOfDouble : "ref double")));

    /// <summary>
    /// A member the user declared that a forward-mode method asked for by the attribute (or a vector-valued
    /// method's Jacobian and tangent) would clash with, and that method's name; null when none.
    /// </summary>
    public static (ISymbol Clash, string Generated)? ClashWithExtras(IMethodSymbol method, IReadOnlyList<ParameterModel> parameters, bool tangent, bool hessian, bool vector)
    {
        const string ReadOnlySpanOfDouble = "global::System.ReadOnlySpan<double>";
        IEnumerable<string> inputs = parameters.Select(p => p.TypeText.TrimEnd('?'));
        List<ParameterModel> differentiated = parameters.Where(p => p.IsDifferentiated).ToList();
        IEnumerable<string> directions = differentiated.Select(p => p.IsArray ? ReadOnlySpanOfDouble : "double");
        IEnumerable<string> outputs = differentiated.Select(p => p.IsArray ? SpanOfDouble : "out double");
        var generated = new List<(string Name, IEnumerable<string> Signature)>();
        if (vector)
        {
            generated.Add((method.Name + "Pullback", inputs.Append(ReadOnlySpanOfDouble).Concat(differentiated.Select(p => p.IsArray ? SpanOfDouble : "ref double"))));
            generated.Add((method.Name + "Jacobian", inputs.Append(SpanOfDouble)));
            generated.Add((method.Name + (tangent ? "Tangent" : "JacobianColumn"), inputs.Concat(directions).Append(SpanOfDouble)));
        }
        else
        {
            if (tangent)
            {
                generated.Add((method.Name + "Tangent", inputs.Concat(directions).Append("out double")));
            }

            if (hessian)
            {
                generated.Add((method.Name + "HessianVectorProduct", inputs.Concat(directions).Concat(outputs)));
                generated.Add((method.Name + "Hessian", inputs.Concat(outputs).Append(SpanOfDouble)));
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
    public static string Of(IReadOnlyList<ParameterModel> parameters, int kept) =>
        string.Join(",", parameters.Take(kept).Select(p => p.TypeText.TrimEnd('?'))
            .Concat(parameters.Where(p => p.IsDifferentiated).Select(p => p.IsArray ? SpanOfDouble : "out double")));

    private const string SpanOfDouble = "global::System.Span<double>";

    private static string TypeText(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).TrimEnd('?');

    private static string RefPrefix(RefKind kind) => kind switch
    {
        RefKind.Out => "out ",
        RefKind.Ref => "ref ",
        RefKind.In => "in ",
        _ => string.Empty,
    };
}
