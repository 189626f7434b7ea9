using System.Collections.Generic;
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
/// SYMGRAD0009, a signature with both <c>float</c> and <c>double</c>: offers <em>Use double throughout</em> and
/// <em>Use float throughout</em>, which rewrite the keyword in the return type and every parameter type
/// (<c>float[]</c>, <c>Span&lt;float&gt;</c>, ... included). The body is left alone: the compiler and
/// SYMGRAD0019 then point at whatever in it still uses the other precision.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OnePrecisionCodeFix)), Shared]
public sealed class OnePrecisionCodeFix : SymGradCodeFix
{
    public OnePrecisionCodeFix()
        : base(DiagnosticDescriptors.MixedPrecisionSignature)
    {
    }

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault() is not { } method)
            {
                continue;
            }

            foreach ((SyntaxKind keyword, string name) in new[] { (SyntaxKind.DoubleKeyword, "double"), (SyntaxKind.FloatKeyword, "float") })
            {
                Offer(context, diagnostic, "Use " + name + " throughout the signature", nameof(OnePrecisionCodeFix) + "." + name, (_, current, _) =>
                {
                    MethodDeclarationSyntax now = current.FindNode(method.Span).AncestorsAndSelf().OfType<MethodDeclarationSyntax>().First();
                    return Task.FromResult<SyntaxNode>(current.ReplaceNode(now, WithPrecision(now, keyword)));
                });
            }
        }
    }

    /// <summary>The method with every real keyword of its return type and parameter types made <paramref name="keyword"/>.</summary>
    private static MethodDeclarationSyntax WithPrecision(MethodDeclarationSyntax method, SyntaxKind keyword)
    {
        IEnumerable<PredefinedTypeSyntax> reals = method.ReturnType.DescendantNodesAndSelf()
            .Concat(method.ParameterList.Parameters.Where(p => p.Type is not null).SelectMany(p => p.Type!.DescendantNodesAndSelf()))
            .OfType<PredefinedTypeSyntax>()
            .Where(p => p.Keyword.IsKind(SyntaxKind.FloatKeyword) || p.Keyword.IsKind(SyntaxKind.DoubleKeyword));
        return method.ReplaceNodes(reals, (original, _) =>
            SyntaxFactory.PredefinedType(SyntaxFactory.Token(original.Keyword.LeadingTrivia, keyword, original.Keyword.TrailingTrivia)));
    }
}
