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
/// SYMGRAD0002: adds <c>partial</c> to the type and to every type containing it, since the gradient is generated into
/// all of them (fixing only the reported one would leave the next container to report).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix)), Shared]
public sealed class MakePartialCodeFix : SymGradCodeFix
{
    public MakePartialCodeFix()
        : base(DiagnosticDescriptors.TypeMustBePartial)
    {
    }

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is TypeDeclarationSyntax type)
            {
                Offer(context, diagnostic, "Make '" + type.Identifier.ValueText + "' and its containing types partial", current => MakePartial(current, type));
            }
        }
    }

    private static SyntaxNode MakePartial(SyntaxNode root, TypeDeclarationSyntax type)
    {
        var targets = type.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().Where(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword));
        return root.ReplaceNodes(targets, static (_, rewritten) => Modifiers.AddPartial(rewritten));
    }
}
