using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SymGrad.CodeFixes;

/// <summary>Adds modifiers where C# requires them: <c>partial</c> last, <c>static</c> after accessibility.</summary>
internal static class Modifiers
{
    public static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax type)
    {
        // 'partial' must come right before the type keyword; when the type has no modifiers it takes over the keyword's leading trivia.
        if (type.Modifiers.Count == 0)
        {
            SyntaxToken keyword = type.Keyword;
            SyntaxToken partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return type.WithKeyword(keyword.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(partial));
        }

        return type.WithModifiers(type.Modifiers.Add(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
    }

    public static MethodDeclarationSyntax AddStatic(MethodDeclarationSyntax method)
    {
        // Instance-only modifiers cannot stay on a static method.
        SyntaxTokenList modifiers = SyntaxFactory.TokenList(method.Modifiers.Where(m => !m.IsKind(SyntaxKind.VirtualKeyword) && !m.IsKind(SyntaxKind.OverrideKeyword)
            && !m.IsKind(SyntaxKind.SealedKeyword) && !m.IsKind(SyntaxKind.AbstractKeyword) && !m.IsKind(SyntaxKind.ReadOnlyKeyword)));
        if (modifiers.Count == 0)
        {
            TypeSyntax returnType = method.ReturnType;
            SyntaxToken token = SyntaxFactory.Token(returnType.GetLeadingTrivia(), SyntaxKind.StaticKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return method.WithReturnType(returnType.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(token));
        }

        int afterAccessibility = 0;
        for (int i = 0; i < modifiers.Count; i++)
        {
            if (SyntaxFacts.IsAccessibilityModifier(modifiers[i].Kind()))
            {
                afterAccessibility = i + 1;
            }
        }

        SyntaxToken @static = SyntaxFactory.Token(SyntaxKind.StaticKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (afterAccessibility == 0)
        {
            // Before the first modifier: it hands its leading trivia (indentation, attributes' line break) to 'static'.
            @static = @static.WithLeadingTrivia(modifiers[0].LeadingTrivia);
            modifiers = modifiers.Replace(modifiers[0], modifiers[0].WithLeadingTrivia());
        }

        return method.WithModifiers(modifiers.Insert(afterAccessibility, @static));
    }
}
