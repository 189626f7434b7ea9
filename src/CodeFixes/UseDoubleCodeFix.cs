using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;

namespace SymGrad.CodeFixes;

/// <summary>
/// SYMGRAD0003 and SYMGRAD0004 when the cause is <c>float</c>: SymGrad differentiates <c>double</c> only, so the return
/// type or parameter type (<c>float</c>, <c>float[]</c>, <c>Span&lt;float&gt;</c>, ...) becomes its double form.
/// Offered only where every other part of the type is already supported, so the fix removes the diagnostic.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseDoubleCodeFix)), Shared]
public sealed class UseDoubleCodeFix : SymGradCodeFix
{
    public UseDoubleCodeFix()
        : base(DiagnosticDescriptors.ReturnTypeMustBeDouble, DiagnosticDescriptors.UnsupportedParameter)
    {
    }

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            TypeSyntax? type = FloatTypeAt(root, diagnostic);
            if (type is not null && IsSupportedAfterFix(model, type))
            {
                Offer(context, diagnostic, "Use " + WithDouble(type).ToString() + " instead of " + type, current => current.ReplaceNode(type, WithDouble(type)));
            }
        }
    }

    /// <summary>The return type or by-value parameter type at the diagnostic, when it mentions <c>float</c>.</summary>
    private static TypeSyntax? FloatTypeAt(SyntaxNode root, Diagnostic diagnostic)
    {
        SyntaxNode? node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        TypeSyntax? type = node switch
        {
            ParameterSyntax { Modifiers.Count: 0 } parameter => parameter.Type,
            _ => node?.AncestorsAndSelf().OfType<TypeSyntax>().LastOrDefault(t => t.Parent is MethodDeclarationSyntax),
        };
        return type is not null && FloatKeywords(type).Any() ? type : null;
    }

    /// <summary>Binds the double form of the type where the type stands and asks the analyzer's own rule about it.</summary>
    private static bool IsSupportedAfterFix(SemanticModel model, TypeSyntax type)
    {
        ITypeSymbol? fixedType = model.GetSpeculativeTypeInfo(type.SpanStart, WithDouble(type), SpeculativeBindingOption.BindAsTypeOrNamespace).Type;
        if (fixedType is null || fixedType.TypeKind == TypeKind.Error)
        {
            return false;
        }

        return type.Parent is MethodDeclarationSyntax
            ? fixedType.SpecialType == SpecialType.System_Double
            : Generator.Lowering.MethodLowerer.AnyKindOf(fixedType) is not null;
    }

    private static System.Collections.Generic.IEnumerable<PredefinedTypeSyntax> FloatKeywords(TypeSyntax type) =>
        type.DescendantNodesAndSelf().OfType<PredefinedTypeSyntax>().Where(p => p.Keyword.IsKind(SyntaxKind.FloatKeyword));

    private static TypeSyntax WithDouble(TypeSyntax type) =>
        type.ReplaceNodes(FloatKeywords(type), static (original, _) =>
            SyntaxFactory.PredefinedType(SyntaxFactory.Token(original.Keyword.LeadingTrivia, SyntaxKind.DoubleKeyword, original.Keyword.TrailingTrivia)));
}
