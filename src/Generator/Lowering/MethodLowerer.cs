using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Analyzers;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// Turns one <c>[Differentiable]</c> method (symbol + syntax + semantic model) into a value-equal
/// <see cref="MethodModel"/>: skips a method whose signature breaks <see cref="SignatureRules"/>, then lowers the body through
/// <see cref="BodyLowerer"/>. Never throws for user code: problems become diagnostics.
/// </summary>
internal static class MethodLowerer
{
    /// <summary>Keeps <c>double[]?</c> as written, so a <c>= null</c> default stays valid in the generated signature.</summary>
    private static readonly SymbolDisplayFormat NullableFullyQualifiedFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static LoweringResult Lower(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            return LowerChecked(context, cancellationToken);
        }
        catch (InsufficientExecutionStackException)
        {
            // The compiler's own binder refuses to recurse further (a pathologically nested body): a
            // diagnostic at the method, never an exception that would drop every generated file.
            var bag = new DiagnosticBag();
            bag.Add(DiagnosticDescriptors.ExpressionTooDeep, NameLocation(context.TargetNode), "The body of this method is nested too deeply for the compiler to analyse; split its expressions into local variables and its branches into smaller methods");
            return new LoweringResult(null, bag.ToEquatableArray());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var bag = new DiagnosticBag();
            bag.Add(DiagnosticDescriptors.InternalError, NameLocation(context.TargetNode), context.TargetSymbol.Name, exception.GetType().Name + ": " + exception.Message);
            return new LoweringResult(null, bag.ToEquatableArray());
        }
    }

    private static string KindText(ISymbol member) => member.Kind switch
    {
        SymbolKind.Field => "a field",
        SymbolKind.Property => "a property",
        SymbolKind.Event => "an event",
        SymbolKind.NamedType => "a nested type",
        _ => "a member",
    };

    private static Location NameLocation(SyntaxNode node) =>
        node is MethodDeclarationSyntax method ? method.Identifier.GetLocation() : node.GetLocation();

    private static LoweringResult LowerChecked(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        LoweringResult Lower() => LowerMethod(context.TargetSymbol, context.TargetNode, context.SemanticModel, context.Attributes.FirstOrDefault(), cancellationToken);
        return context.TargetSymbol is IMethodSymbol method
            ? Callees.CallGraph.LowerShared(method, context.TargetNode, context.SemanticModel.Compilation, Lower, cancellationToken)
            : Lower();
    }

    /// <summary>Lowers one method; also used to check a called <c>[Differentiable]</c> method of the same compilation.</summary>
    internal static LoweringResult LowerMethod(ISymbol targetSymbol, SyntaxNode targetNode, SemanticModel semanticModel, AttributeData? attribute, CancellationToken cancellationToken)
    {
        var bag = new DiagnosticBag();
        // One model for the error check and the body: its binding is done once and shared.
        SemanticModel bodyModel = BodySemanticModel.For(semanticModel);
        if (targetSymbol is not IMethodSymbol method
            || TargetChecks.HasCompilerErrors(targetNode, bodyModel, cancellationToken)
            || TargetChecks.ReportUnsupportedTarget(method, targetNode, attribute, bag)
            || targetNode is not MethodDeclarationSyntax syntax)
        {
            return new LoweringResult(null, bag.ToEquatableArray());
        }

        // Signature problems are reported by the analyzer (Analyzers/DifferentiableSignatureAnalyzer) as the user
        // types; the generator only skips such a method, asking the same rules so both agree.
        if (SignatureRules.Check(method, syntax).Count > 0)
        {
            return new LoweringResult(null, bag.ToEquatableArray());
        }

        Location nameLocation = syntax.Identifier.GetLocation();
        List<ParameterModel> parameters = LowerParameters(method);
        // A vector-valued method gets no FGradient and a pullback with a span seed (checked with its other methods below).
        var scalarMethods = SignatureRules.VectorOutputOf(method) is null
            ? new[] { (GradientSignatures.ClashWithMain(method, parameters), method.Name + "Gradient"), (GradientSignatures.ClashWithPullback(method, parameters), method.Name + "Pullback") }
            : System.Array.Empty<(ISymbol?, string)>();
        foreach ((ISymbol? clash, string generated) in scalarMethods)
        {
            if (clash is not null)
            {
                string what = clash is IMethodSymbol ? "a method '" + clash.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat) + "' with the same parameters" : KindText(clash) + " '" + clash.Name + "'";
                bag.Add(DiagnosticDescriptors.GradientNameTaken, nameLocation, method.ContainingType.Name, what, generated, method.Name);
                return new LoweringResult(null, bag.ToEquatableArray());
            }
        }

        SecondOrder extras = ExtrasOf(attribute);
        bool vectorValued = SignatureRules.VectorOutputOf(method) is not null;
        if (GradientSignatures.ClashWithExtras(method, parameters, (extras & SecondOrder.Tangent) != 0, (extras & SecondOrder.Hessian) != 0, vectorValued) is ({ } taken, string takenBy))
        {
            string what = taken is IMethodSymbol ? "a method '" + taken.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat) + "' with the same parameters" : KindText(taken) + " '" + taken.Name + "'";
            bag.Add(DiagnosticDescriptors.GradientNameTaken, nameLocation, method.ContainingType.Name, what, takenBy, method.Name);
            return new LoweringResult(null, bag.ToEquatableArray());
        }

        IOperation? bodyOperation = bodyModel.GetOperation(syntax, cancellationToken);
        EquatableArray<Stmt> body = EquatableArray<Stmt>.Empty;
        var localNames = new List<string>();
        VectorOutput? vector = null;
        if (bodyOperation is IMethodBodyOperation methodBody && (methodBody.BlockBody ?? methodBody.ExpressionBody) is IBlockOperation block)
        {
            var lowerer = new BodyLowerer(method, semanticModel.Compilation, bag, parameters.Where(p => p.IsDifferentiated).Select(p => p.GradientName), cancellationToken);
            if (SignatureRules.VectorOutputOf(method) is { } output)
            {
                // A vector-valued method: the scalar Σ seed[i] · output[i] of one more parameter (see BodyLowerer.VectorOutput).
                string outputName = parameters[output.Ordinal].Name;
                string seed = Names.FreshAgainst("seed", parameters.Select(p => p.Name).Concat(block.Descendants().OfType<IVariableDeclaratorOperation>().Select(d => d.Symbol.Name)));
                lowerer.OutputParameter = outputName;
                lowerer.Reserve(seed);
                int before = 0;
                body = lowerer.LowerVectorBody(block, outputName, seed);
                before = body.Count - 3;
                parameters.Add(new ParameterModel(seed, "global::System.ReadOnlySpan<" + Precisions.OfSignature(method).Keyword() + ">", ValueKind.DoubleArray, IsDifferentiated: false));
                vector = new VectorOutput(outputName, seed, before);
            }
            else
            {
                body = lowerer.LowerBody(block);
            }

            localNames.AddRange(lowerer.LocalNames);
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
            HintNames.Of(method),
            method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
            SourceSpan.LinesOf(nameLocation))
        {
            TakenGradientSignatures = attribute?.AttributeClass is { } attributeClass
                ? GradientSignatures.TakenBesides(method, attributeClass)
                : EquatableArray<string>.Empty,
            Extras = extras,
            Precision = Precisions.OfSignature(method),
            ExactSums = attribute?.NamedArguments.Any(a => a.Key == "ExactSums" && a.Value.Value is true) == true,
            Vector = vector,
            ZeroedStack = !SkipsLocalsInit(method),
            AttributeLocation = attribute?.ApplicationSyntaxReference is { } reference ? SourceSpan.LinesOf(reference.GetSyntax(cancellationToken).GetLocation()) : null,
        };
        return new LoweringResult(model, bag.ToEquatableArray());
    }

    /// <summary>
    /// Whether the generated methods beside <paramref name="method"/> skip zeroing their locals: <c>[SkipLocalsInit]</c> on
    /// a containing type (every partial declaration's attributes count) or on the module. The method's own attribute
    /// does not reach the generated methods.
    /// </summary>
    private static bool SkipsLocalsInit(IMethodSymbol method)
    {
        static bool Skips(System.Collections.Immutable.ImmutableArray<AttributeData> attributes) =>
            attributes.Any(a => AttributeMatch.Is(a, "System.Runtime.CompilerServices.SkipLocalsInitAttribute"));

        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (Skips(type.GetAttributes()))
            {
                return true;
            }
        }

        return Skips(method.ContainingModule.GetAttributes());
    }

    /// <summary>The named properties <c>Tangent</c> and <c>Hessian</c> of the attribute (a callee's attribute is not read: null).</summary>
    private static SecondOrder ExtrasOf(AttributeData? attribute)
    {
        var extras = SecondOrder.None;
        foreach (KeyValuePair<string, TypedConstant> argument in attribute?.NamedArguments ?? System.Collections.Immutable.ImmutableArray<KeyValuePair<string, TypedConstant>>.Empty)
        {
            if (argument.Value.Value is true)
            {
                extras |= argument.Key switch
                {
                    "Tangent" => SecondOrder.Tangent,
                    "Hessian" => SecondOrder.Hessian,
                    _ => SecondOrder.None,
                };
            }
        }

        return extras;
    }

    /// <summary>The parameters' models; <see cref="SignatureRules"/> has already checked every parameter is supported.</summary>
    private static List<ParameterModel> LowerParameters(IMethodSymbol method)
    {
        var result = new List<ParameterModel>();
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            ValueKind kind = AnyKindOf(parameter.Type)!.Value;
            string name = SyntaxFacts.GetKeywordKind(parameter.Name) != SyntaxKind.None ? "@" + parameter.Name : parameter.Name;
            string typeText = IsArrayKind(kind) ? parameter.Type.ToDisplayString(NullableFullyQualifiedFormat) : Names.TypeTextOf(kind, Precisions.OfSignature(method));
            result.Add(new ParameterModel(name, typeText, kind, SignatureRules.IsDifferentiated(parameter), DefaultValues.TextOf(parameter)));
        }

        return result;
    }

    /// <summary>The kind of a scalar type (double or float, int, bool), or null.</summary>
    internal static ValueKind? KindOf(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Double or SpecialType.System_Single => ValueKind.Double,
        SpecialType.System_Int32 => ValueKind.Int,
        SpecialType.System_Boolean => ValueKind.Bool,
        _ => null,
    };

    /// <summary>
    /// The kind of an array type: <c>double[]</c>, <c>Span&lt;double&gt;</c> and <c>ReadOnlySpan&lt;double&gt;</c>
    /// (or of <c>float</c>) are double arrays; <c>int[]</c> and <c>ReadOnlySpan&lt;int&gt;</c> integer arrays; <c>double[,]</c> a matrix.
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
        if (type is IArrayTypeSymbol { Rank: 2, ElementType.SpecialType: SpecialType.System_Double or SpecialType.System_Single })
        {
            return ValueKind.DoubleMatrix;
        }

        return element?.SpecialType switch
        {
            SpecialType.System_Double or SpecialType.System_Single => ValueKind.DoubleArray,
            SpecialType.System_Int32 => ValueKind.IntArray,
            _ => null,
        };
    }

    /// <summary>The kind of a scalar or array type, or null when neither.</summary>
    internal static ValueKind? AnyKindOf(ITypeSymbol type) => KindOf(type) ?? ArrayKindOf(type);

    internal static bool IsArrayKind(ValueKind kind) => kind is ValueKind.DoubleArray or ValueKind.IntArray or ValueKind.DoubleMatrix;

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
}
