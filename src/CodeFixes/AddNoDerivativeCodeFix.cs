using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
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
public sealed class AddNoDerivativeCodeFix : SymGradCodeFix
{
    public AddNoDerivativeCodeFix()
        : base(DiagnosticDescriptors.GradientNameCollision)
    {
    }

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
                    Offer(context, diagnostic, "Mark '" + differentiated + "' [NoDerivative]", (document, current, cancellationToken) => AddAttributeAsync(document, current, target, cancellationToken));
                }
            }
        }
    }

    private static async Task<SyntaxNode> AddAttributeAsync(Document document, SyntaxNode root, ParameterSyntax parameter, CancellationToken cancellationToken)
    {
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);

        // Short name when 'using SymGrad;' is in scope, else the qualified one, so the fix never needs an edit elsewhere.
        bool inScope = model?.LookupNamespacesAndTypes(parameter.SpanStart, name: "NoDerivativeAttribute")
            .Any(s => s.ToDisplayString() == "SymGrad.NoDerivativeAttribute") == true;
        AttributeListSyntax list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.Attribute(SyntaxFactory.ParseName(inScope ? "NoDerivative" : "global::SymGrad.NoDerivative"))))
            .WithLeadingTrivia(parameter.GetLeadingTrivia())
            .WithTrailingTrivia(SyntaxFactory.Space);
        ParameterSyntax updated = parameter.WithoutLeadingTrivia().WithAttributeLists(parameter.AttributeLists.Insert(0, list));
        return root.ReplaceNode(parameter, updated);
    }
}
