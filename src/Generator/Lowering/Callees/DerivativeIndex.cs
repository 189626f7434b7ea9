using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Analyzers;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Lowering.Callees;

/// <summary>
/// The <c>[DerivativeOf]</c> methods of a compilation, by target. A derivative's signature must be
/// exactly the <c>{Name}Gradient</c> signature SymGrad would write for its target (the target's
/// parameters, then <c>out double</c> or <c>Span&lt;double&gt;</c> per differentiated parameter),
/// returning double. Built once per compilation, on the first call that needs it, from the
/// compilation's own types; a library's derivatives are found in the target's own type.
/// </summary>
internal sealed class DerivativeIndex
{
    internal const string AttributeName = "SymGrad.DerivativeOfAttribute";

    private static readonly ConditionalWeakTable<Compilation, DerivativeIndex> Indexes = new();

    private readonly Dictionary<IMethodSymbol, List<IMethodSymbol>> byTarget = new(SymbolEqualityComparer.Default);

    private DerivativeIndex(Compilation compilation)
    {
        foreach (IMethodSymbol derivative in MethodsOf(compilation.Assembly.GlobalNamespace).Where(HasAttribute))
        {
            if (Check(derivative) is { Target: { } target, Problem: null })
            {
                Add(target, derivative);
            }
        }
    }

    public static DerivativeIndex For(Compilation compilation) => Indexes.GetValue(compilation, c => new DerivativeIndex(c));

    /// <summary>
    /// The valid derivatives of <paramref name="target"/>, in the order a call uses them: those its own
    /// type declares (a library's derivative comes with its function), then the compilation's others.
    /// More than one is SYMGRAD0022 at every derivative but the first.
    /// </summary>
    public IReadOnlyList<IMethodSymbol> Of(IMethodSymbol target)
    {
        var found = new List<IMethodSymbol>();
        foreach (IMethodSymbol member in target.ContainingType.GetMembers().OfType<IMethodSymbol>().Where(HasAttribute))
        {
            if (Check(member) is { Target: { } t, Problem: null } && SymbolEqualityComparer.Default.Equals(t, target.OriginalDefinition))
            {
                found.Add(member);
            }
        }

        if (byTarget.TryGetValue(target.OriginalDefinition, out List<IMethodSymbol>? declared))
        {
            found.AddRange(declared.Where(d => !found.Contains(d, SymbolEqualityComparer.Default)));
        }

        return found;
    }

    public static bool HasAttribute(IMethodSymbol method) => method.GetAttributes().Any(a => AttributeMatch.Is(a, AttributeName));

    /// <summary>
    /// Resolves a derivative's target and checks its signature: the target (null when none can be
    /// found), and what is wrong (null when nothing is), with the signature it should have.
    /// </summary>
    public static (IMethodSymbol? Target, string? Problem, string? Expected) Check(IMethodSymbol derivative)
    {
        AttributeData? attribute = derivative.GetAttributes().FirstOrDefault(a => AttributeMatch.Is(a, AttributeName));
        if (attribute is null)
        {
            return (null, "it has no [DerivativeOf]", null);
        }

        AttributeArguments arguments = new(attribute);
        INamedTypeSymbol? type = arguments.Type ?? derivative.ContainingType;
        string? name = arguments.Name;
        if (type is null || string.IsNullOrEmpty(name))
        {
            return (null, "the attribute names no method", null);
        }

        List<IMethodSymbol> candidates = type.GetMembers(name!).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
        if (candidates.Count == 0)
        {
            return (null, "'" + type.ToDisplayString() + "' has no method '" + name + "'", null);
        }

        IMethodSymbol? match = candidates.FirstOrDefault(c => Matches(c, derivative));
        if (match is not null)
        {
            return (match.OriginalDefinition, null, null);
        }

        IMethodSymbol first = candidates[0];
        string problem = first.IsStatic && IsReal(first.ReturnType) && SupportedParameters(first)
            ? "its parameters are not the gradient signature of '" + first.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat) + "'"
            : "the target '" + first.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat) + "' must be a static method returning double (or float) with real, int, bool, array or span parameters";
        return (null, problem, ExpectedSignature(first));
    }

    /// <summary>The signature a derivative of <paramref name="target"/> must have, as C#.</summary>
    public static string ExpectedSignature(IMethodSymbol target)
    {
        string real = Precisions.OfSignature(target).Keyword();
        return "static " + real + " " + target.Name + "Gradient(" + string.Join(", ",
            target.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + " " + p.Name)
                .Concat(target.Parameters.Where(SignatureRules.IsDifferentiated).Select(p =>
                    (MethodLowerer.AnyKindOf(p.Type) == IR.ValueKind.Double ? "out " + real + " d" : "Span<" + real + "> d") + p.Name))) + ")";
    }

    private static bool Matches(IMethodSymbol target, IMethodSymbol derivative)
    {
        if (!target.IsStatic || !derivative.IsStatic || target.IsGenericMethod || derivative.IsGenericMethod
            || !IsReal(target.ReturnType) || !SymbolEqualityComparer.Default.Equals(derivative.ReturnType, target.ReturnType)
            || !SupportedParameters(target) || Precisions.SignatureMixes(target))
        {
            return false;
        }

        List<(ITypeSymbol? Type, RefKind Ref, bool Span)> expected = target.Parameters.Select(p => ((ITypeSymbol?)p.Type, RefKind.None, false))
            .Concat(target.Parameters.Where(SignatureRules.IsDifferentiated).Select(p => MethodLowerer.AnyKindOf(p.Type) == IR.ValueKind.Double
                ? ((ITypeSymbol?)p.Type, RefKind.Out, false)
                : ((ITypeSymbol?)null, RefKind.None, true)))
            .ToList();
        if (expected.Count != derivative.Parameters.Length)
        {
            return false;
        }

        for (int i = 0; i < expected.Count; i++)
        {
            IParameterSymbol actual = derivative.Parameters[i];
            bool same = expected[i].Span
                ? actual.RefKind == RefKind.None && IsSpanOf(actual.Type, target.ReturnType.SpecialType)
                : actual.RefKind == expected[i].Ref && SymbolEqualityComparer.Default.Equals(actual.Type, expected[i].Type);
            if (!same)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSpanOf(ITypeSymbol type, SpecialType element) =>
        type is INamedTypeSymbol { Name: "Span", TypeArguments.Length: 1 } span
        && span.TypeArguments[0].SpecialType == element
        && span.ContainingNamespace.ToDisplayString() == "System";

    private static bool IsReal(ITypeSymbol type) => type.SpecialType is SpecialType.System_Double or SpecialType.System_Single;

    private static bool SupportedParameters(IMethodSymbol method) =>
        method.Parameters.All(p => p.RefKind == RefKind.None && MethodLowerer.AnyKindOf(p.Type) is not null);

    private void Add(IMethodSymbol target, IMethodSymbol derivative)
    {
        if (!byTarget.TryGetValue(target, out List<IMethodSymbol>? list))
        {
            list = new List<IMethodSymbol>();
            byTarget[target] = list;
        }

        list.Add(derivative);
    }

    private static IEnumerable<IMethodSymbol> MethodsOf(INamespaceOrTypeSymbol container)
    {
        foreach (ISymbol member in container.GetMembers())
        {
            if (member is IMethodSymbol method)
            {
                yield return method;
            }
            else if (member is INamespaceOrTypeSymbol nested)
            {
                foreach (IMethodSymbol inner in MethodsOf(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Reads <c>[DerivativeOf(name)]</c> or <c>[DerivativeOf(typeof(T), name)]</c>.</summary>
    private readonly struct AttributeArguments
    {
        public AttributeArguments(AttributeData attribute)
        {
            var values = attribute.ConstructorArguments;
            Type = values.Length == 2 ? values[0].Value as INamedTypeSymbol : null;
            Name = values.Length switch
            {
                1 => values[0].Value as string,
                2 => values[1].Value as string,
                _ => null,
            };
        }

        public INamedTypeSymbol? Type { get; }

        public string? Name { get; }
    }
}
