using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;

namespace SymGrad.CodeFixes;

/// <summary>
/// SYMGRAD0006: parameter <c>x</c>'s gradient output would be named <c>dx</c>, which is already a parameter. When
/// <c>x</c> needs no derivative (data, a label, a hyper-parameter), marking it <c>[NoDerivative]</c> removes the output
/// and so the clash; otherwise the user renames <c>dx</c>, which the IDE's rename already does.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddNoDerivativeCodeFix)), Shared]
public sealed class AddNoDerivativeCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.GradientNameCollision.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            // The diagnostic sits on the clashing parameter 'dx'; the one to mark is 'x'.
            if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is ParameterSyntax { Parent: ParameterListSyntax list } clash
                && clash.Identifier.ValueText.Length > 1)
            {
                string differentiated = clash.Identifier.ValueText.Substring(1);
                ParameterSyntax? target = list.Parameters.FirstOrDefault(p => p.Identifier.ValueText == differentiated);
                if (target is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Mark '" + differentiated + "' [NoDerivative]",
                            cancellationToken => AddAttributeAsync(context.Document, target, cancellationToken),
                            equivalenceKey: nameof(AddNoDerivativeCodeFix)),
                        diagnostic);
                }
            }
        }
    }

    private static async Task<Document> AddAttributeAsync(Document document, ParameterSyntax parameter, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);

        // Short name when 'using SymGrad;' is in scope, else the qualified one, so the fix never needs an edit elsewhere.
        bool inScope = model?.LookupNamespacesAndTypes(parameter.SpanStart, name: "NoDerivativeAttribute")
            .Any(s => s.ToDisplayString() == "SymGrad.NoDerivativeAttribute") == true;
        AttributeListSyntax list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.Attribute(SyntaxFactory.ParseName(inScope ? "NoDerivative" : "global::SymGrad.NoDerivative"))))
            .WithLeadingTrivia(parameter.GetLeadingTrivia())
            .WithTrailingTrivia(SyntaxFactory.Space);
        ParameterSyntax updated = parameter.WithoutLeadingTrivia().WithAttributeLists(parameter.AttributeLists.Insert(0, list));
        return document.WithSyntaxRoot(root.ReplaceNode(parameter, updated));
    }
}
