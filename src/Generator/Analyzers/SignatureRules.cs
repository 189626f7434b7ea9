using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.Lowering;

namespace SymGrad.Generator.Analyzers;

/// <summary>One problem with a <c>[Differentiable]</c> method's signature: what, where, and the message arguments.</summary>
internal sealed record SignatureProblem(DiagnosticDescriptor Descriptor, Location Location, string[] Arguments)
{
    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location, Arguments);
}

/// <summary>
/// The attribute and signature rules of <c>[Differentiable]</c> (SYMGRAD0001-0007): what the symbol and its
/// declaration alone show, without lowering the body. <see cref="DifferentiableSignatureAnalyzer"/> reports them as
/// the user types; the generator asks the same rules and skips a method that breaks any, so both always agree.
/// </summary>
internal static class SignatureRules
{
    public const string NoDerivativeAttributeName = "SymGrad.NoDerivativeAttribute";

    public static List<SignatureProblem> Check(IMethodSymbol method, MethodDeclarationSyntax syntax)
    {
        var problems = new List<SignatureProblem>();
        Location nameLocation = syntax.Identifier.GetLocation();
        if (!method.IsStatic)
        {
            problems.Add(new(DiagnosticDescriptors.MethodMustBeStatic, nameLocation, new[] { method.Name }));
        }

        if ((method.ReturnType.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single) || method.ReturnsByRef || method.ReturnsByRefReadonly) && VectorOutputOf(method) is null)
        {
            string returned = (method.ReturnsByRefReadonly ? "ref readonly " : method.ReturnsByRef ? "ref " : string.Empty) + method.ReturnType.ToDisplayString();
            problems.Add(new(DiagnosticDescriptors.ReturnTypeMustBeDouble, syntax.ReturnType.GetLocation(), new[] { method.Name, returned }));
        }

        if (method.IsGenericMethod)
        {
            problems.Add(new(DiagnosticDescriptors.GenericMethodNotSupported, nameLocation, new[] { method.Name }));
        }

        for (TypeDeclarationSyntax? type = syntax.Parent as TypeDeclarationSyntax; type is not null; type = type.Parent as TypeDeclarationSyntax)
        {
            if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                problems.Add(new(DiagnosticDescriptors.TypeMustBePartial, type.Identifier.GetLocation(), new[] { type.Identifier.ValueText, method.Name }));
            }
        }

        CheckParameters(method, problems);
        if (Precisions.SignatureMixes(method))
        {
            problems.Add(new(DiagnosticDescriptors.MixedPrecisionSignature, nameLocation, new[] { method.Name }));
        }

        if (syntax.Body is null && syntax.ExpressionBody is null)
        {
            problems.Add(new(DiagnosticDescriptors.MethodHasNoBody, nameLocation, new[] { method.Name }));
        }

        return problems;
    }

    /// <summary>
    /// Whether the parameter gets a gradient output: a double or double array/span not marked [NoDerivative],
    /// and not the output span of a vector-valued method.
    /// </summary>
    public static bool IsDifferentiated(IParameterSymbol parameter) =>
        MethodLowerer.AnyKindOf(parameter.Type) is IR.ValueKind.Double or IR.ValueKind.DoubleArray
        && !parameter.GetAttributes().Any(a => Lowering.AttributeMatch.Is(a, NoDerivativeAttributeName))
        && !(parameter.ContainingSymbol is IMethodSymbol method && SymbolEqualityComparer.Default.Equals(VectorOutputOf(method), parameter));

    /// <summary>
    /// The output of a vector-valued method: a method returning <c>void</c> with exactly one
    /// <c>Span&lt;double&gt;</c> (or <c>Span&lt;float&gt;</c>) parameter, which it writes. Null for every other method.
    /// </summary>
    public static IParameterSymbol? VectorOutputOf(IMethodSymbol method)
    {
        if (!method.ReturnsVoid)
        {
            return null;
        }

        IParameterSymbol[] spans = method.Parameters.Where(p => p.RefKind == RefKind.None && p.Type is INamedTypeSymbol { Name: "Span", TypeArguments.Length: 1 } span
            && span.TypeArguments[0].SpecialType is SpecialType.System_Double or SpecialType.System_Single && span.ContainingNamespace?.ToDisplayString() == "System").ToArray();
        return spans.Length == 1 ? spans[0] : null;
    }

    private static void CheckParameters(IMethodSymbol method, List<SignatureProblem> problems)
    {
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams || MethodLowerer.AnyKindOf(parameter.Type) is null)
            {
                string type = parameter.Type.ToDisplayString();
                string description = parameter.RefKind != RefKind.None ? RefKeyword(parameter.RefKind) + " " + type
                    : parameter.IsParams ? "params " + type
                    : type;
                problems.Add(new(DiagnosticDescriptors.UnsupportedParameter, LocationOf(parameter), new[] { parameter.Name, description }));
            }
        }

        // Each differentiated parameter p gets an output named dp; it must not be the name of another parameter.
        var names = new HashSet<string>(method.Parameters.Select(p => p.Name));
        foreach (IParameterSymbol parameter in method.Parameters.Where(p => p.RefKind == RefKind.None && !p.IsParams && IsDifferentiated(p)))
        {
            string gradientName = "d" + parameter.Name;
            if (names.Contains(gradientName))
            {
                IParameterSymbol clash = method.Parameters.First(p => p.Name == gradientName);
                problems.Add(new(DiagnosticDescriptors.GradientNameCollision, LocationOf(clash), new[] { gradientName, parameter.Name }));
            }
        }
    }

    private static Location LocationOf(IParameterSymbol parameter) => parameter.Locations.FirstOrDefault() ?? Location.None;

    private static string RefKeyword(RefKind kind) => kind switch
    {
        RefKind.Ref => "ref",
        RefKind.Out => "out",
        RefKind.In => "in",
        _ => "ref readonly",
    };
}
