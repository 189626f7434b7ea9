using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// Turns one <c>[Differentiable]</c> method (symbol + syntax + semantic model) into a value-equal
/// <see cref="MethodModel"/>: checks the signature, then lowers the body through
/// <see cref="BodyLowerer"/>. Never throws for user code: problems become diagnostics.
/// </summary>
internal static class MethodLowerer
{
    private const string NoDerivativeAttributeName = "SymGrad.NoDerivativeAttribute";

    public static LoweringResult Lower(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var bag = new DiagnosticBag();
        if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax syntax)
        {
            return new LoweringResult(null, bag.ToEquatableArray());
        }

        Location nameLocation = syntax.Identifier.GetLocation();
        CheckSignature(method, syntax, nameLocation, bag);
        List<ParameterModel> parameters = LowerParameters(method, bag);

        IOperation? bodyOperation = context.SemanticModel.GetOperation(syntax, cancellationToken);
        EquatableArray<Stmt> body = EquatableArray<Stmt>.Empty;
        var localNames = new List<string>();
        // The body of a method with the wrong return type is not lowered: it would only add noise to SYMGRAD0003.
        bool returnsDouble = method.ReturnType.SpecialType == SpecialType.System_Double && !method.ReturnsByRef && !method.ReturnsByRefReadonly;
        if (returnsDouble && bodyOperation is IMethodBodyOperation methodBody && (methodBody.BlockBody ?? methodBody.ExpressionBody) is IBlockOperation block)
        {
            if (block.Syntax.ContainsDiagnostics || HasInvalidOperations(block))
            {
                // The compiler reports the errors; generating from broken code would only add noise.
                return new LoweringResult(null, bag.ToEquatableArray());
            }

            var lowerer = new BodyLowerer(method, bag, cancellationToken);
            body = lowerer.LowerBody(block);
            localNames.AddRange(lowerer.LocalNames);
        }
        else if (syntax.Body is null && syntax.ExpressionBody is null)
        {
            bag.Add(DiagnosticDescriptors.MethodHasNoBody, nameLocation, method.Name);
        }

        if (bag.HasErrors)
        {
            return new LoweringResult(null, bag.ToEquatableArray());
        }

        var model = new MethodModel(
            NamespaceOf(method),
            ContainingTypesOf(method),
            AccessibilityText(method.DeclaredAccessibility),
            method.Name,
            parameters.ToEquatableArray(),
            body,
            localNames.ToEquatableArray(),
            HintNameOf(method),
            method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
            SourceSpan.LinesOf(nameLocation));
        return new LoweringResult(model, bag.ToEquatableArray());
    }

    private static void CheckSignature(IMethodSymbol method, MethodDeclarationSyntax syntax, Location nameLocation, DiagnosticBag bag)
    {
        if (!method.IsStatic)
        {
            bag.Add(DiagnosticDescriptors.MethodMustBeStatic, nameLocation, method.Name);
        }

        if (method.ReturnType.SpecialType != SpecialType.System_Double || method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            string returned = (method.ReturnsByRefReadonly ? "ref readonly " : method.ReturnsByRef ? "ref " : string.Empty) + method.ReturnType.ToDisplayString();
            bag.Add(DiagnosticDescriptors.ReturnTypeMustBeDouble, syntax.ReturnType.GetLocation(), method.Name, returned);
        }

        if (method.IsGenericMethod)
        {
            bag.Add(DiagnosticDescriptors.GenericMethodNotSupported, nameLocation, method.Name);
        }

        for (TypeDeclarationSyntax? type = syntax.Parent as TypeDeclarationSyntax; type is not null; type = type.Parent as TypeDeclarationSyntax)
        {
            if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                bag.Add(DiagnosticDescriptors.TypeMustBePartial, type.Identifier.GetLocation(), type.Identifier.ValueText, method.Name);
            }
        }
    }

    private static List<ParameterModel> LowerParameters(IMethodSymbol method, DiagnosticBag bag)
    {
        var result = new List<ParameterModel>();
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            Location? location = parameter.Locations.FirstOrDefault();
            ValueKind? kind = AnyKindOf(parameter.Type);
            if (parameter.RefKind != RefKind.None || parameter.IsParams || kind is null)
            {
                string description = parameter.RefKind != RefKind.None
                    ? RefKeyword(parameter.RefKind) + " " + parameter.Type.ToDisplayString()
                    : parameter.IsParams ? "params " + parameter.Type.ToDisplayString() : parameter.Type.ToDisplayString();
                bag.Add(DiagnosticDescriptors.UnsupportedParameter, location, parameter.Name, description);
                continue;
            }

            bool noDerivative = parameter.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == NoDerivativeAttributeName);
            string name = SyntaxFacts.GetKeywordKind(parameter.Name) != SyntaxKind.None ? "@" + parameter.Name : parameter.Name;
            string typeText = IsArrayKind(kind.Value) ? parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : TypeTextOf(kind.Value);
            bool differentiable = kind is ValueKind.Double or ValueKind.DoubleArray;
            result.Add(new ParameterModel(name, typeText, kind.Value, differentiable && !noDerivative));
        }

        var names = new HashSet<string>(result.Select(p => p.Name.TrimStart('@')));
        foreach (ParameterModel parameter in result.Where(p => p.IsDifferentiated))
        {
            if (names.Contains(parameter.GradientName))
            {
                IParameterSymbol symbol = method.Parameters.First(p => p.Name == parameter.GradientName);
                bag.Add(DiagnosticDescriptors.GradientNameCollision, symbol.Locations.FirstOrDefault(), parameter.GradientName, parameter.Name.TrimStart('@'));
            }
        }

        return result;
    }

    private static string RefKeyword(RefKind kind) => kind switch
    {
        RefKind.Ref => "ref",
        RefKind.Out => "out",
        RefKind.In => "in",
        _ => "ref readonly",
    };

    /// <summary>The kind of a scalar type (double, int, bool), or null.</summary>
    internal static ValueKind? KindOf(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Double => ValueKind.Double,
        SpecialType.System_Int32 => ValueKind.Int,
        SpecialType.System_Boolean => ValueKind.Bool,
        _ => null,
    };

    /// <summary>
    /// The kind of an array type: <c>double[]</c>, <c>Span&lt;double&gt;</c> and <c>ReadOnlySpan&lt;double&gt;</c>
    /// are double arrays; <c>int[]</c> and <c>ReadOnlySpan&lt;int&gt;</c> integer arrays; <c>double[,]</c> a matrix.
    /// </summary>
    internal static ValueKind? ArrayKindOf(ITypeSymbol type)
    {
        ITypeSymbol? element = type switch
        {
            IArrayTypeSymbol { Rank: 1 } array => array.ElementType,
            INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } span
                when span.ContainingNamespace?.ToDisplayString() == "System" && span.Name is "Span" or "ReadOnlySpan" => span.TypeArguments[0],
            _ => null,
        };
        if (type is IArrayTypeSymbol { Rank: 2, ElementType.SpecialType: SpecialType.System_Double })
        {
            return ValueKind.DoubleMatrix;
        }

        return element?.SpecialType switch
        {
            SpecialType.System_Double => ValueKind.DoubleArray,
            SpecialType.System_Int32 => ValueKind.IntArray,
            _ => null,
        };
    }

    /// <summary>The kind of a scalar or array type, or null when neither.</summary>
    internal static ValueKind? AnyKindOf(ITypeSymbol type) => KindOf(type) ?? ArrayKindOf(type);

    internal static bool IsArrayKind(ValueKind kind) => kind is ValueKind.DoubleArray or ValueKind.IntArray or ValueKind.DoubleMatrix;

    internal static string TypeTextOf(ValueKind kind) => kind switch
    {
        ValueKind.Double => "double",
        ValueKind.Int => "int",
        _ => "bool",
    };

    private static bool HasInvalidOperations(IOperation operation) =>
        operation.Descendants().Any(o => o is IInvalidOperation);

    private static string? NamespaceOf(IMethodSymbol method) =>
        method.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null;

    private static EquatableArray<ContainingType> ContainingTypesOf(IMethodSymbol method)
    {
        var types = new List<ContainingType>();
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            string keyword = type.IsRecord
                ? (type.TypeKind == TypeKind.Struct ? "record struct" : "record")
                : type.TypeKind switch
                {
                    TypeKind.Struct => "struct",
                    TypeKind.Interface => "interface",
                    _ => "class",
                };
            // Verbatim names (class @double, struct S<@int>) keep their @ in the generated declaration.
            string name = Verbatim(type.Name);
            if (type.TypeParameters.Length > 0)
            {
                name += "<" + string.Join(", ", type.TypeParameters.Select(t => Verbatim(t.Name))) + ">";
            }

            types.Insert(0, new ContainingType(keyword, name));
        }

        return types.ToEquatableArray();
    }

    private static string Verbatim(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    private static string HintNameOf(IMethodSymbol method)
    {
        string type = method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty);
        string parameters = string.Join("_", method.Parameters.Select(p => p.Type.ToDisplayString().Replace("[]", "Array").Replace("[,]", "Matrix")));
        string raw = type + "." + method.Name + (parameters.Length > 0 ? "_" + parameters : string.Empty) + ".SymGrad.g.cs";
        var chars = raw.Select(c => char.IsLetterOrDigit(c) || c == '.' || c == '_' ? c : '_').ToArray();
        return new string(chars);
    }
}
