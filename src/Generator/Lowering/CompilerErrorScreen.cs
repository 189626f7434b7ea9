using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// Whether a method that lowered cleanly might still hold a compiler error, so that the compiler's own check
/// (<see cref="TargetChecks.HasCompilerErrors"/>) must decide before its gradient is generated.
/// <para>
/// That check compiles the method body once more (binding, flow analysis, documentation comments: about a third of the
/// generator's wall-clock time on the 200 seed-model methods, most of it on the compiler's worker threads), while the
/// lowering has already bound it. So the generator asks it only where it could matter: before it reports anything (a
/// method the compiler rejects gets no SymGrad diagnostic) and where the bound operations and the declaration leave room
/// for an error that lowering cannot see. Everything else an error leaves behind is visible here:
/// </para>
/// <list type="bullet">
/// <item>syntax errors (checked before lowering, from the syntax tree);</item>
/// <item>binding errors: an invalid operation; an error type anywhere (a name or type the compiler does not know, an
/// operator it cannot apply, a local read before its declaration: CS0841); a conversion that does not exist or an
/// explicit one written implicitly (CS0029, CS0030, CS0266, CS0664); constant operands that do not fold (an overflow, a
/// division by a constant zero); a local that reuses a parameter's or an enclosing local's name (CS0136, CS0128);</item>
/// <item>declaration errors: error types in the signature, repeated parameter names, default values, <c>params</c>,
/// <c>this</c>, modifiers the generator does not otherwise read (<c>unsafe</c>, <c>async</c>, <c>extern</c>,
/// <c>partial</c>), type parameters, an attribute argument that did not bind;</item>
/// <item>flow errors, the two a supported body can have: a local declared without a value (CS0165 'use of unassigned
/// local') and a block body that does not end in <c>return</c> or <c>throw</c> (CS0161 'not all code paths return a
/// value'). Either sends the method to the compiler's check.</item>
/// </list>
/// A false alarm costs only the check; a missed error would generate code for a method the compiler rejects, so every
/// rule errs towards asking.
/// </summary>
internal static class CompilerErrorScreen
{
    public static bool MayHideErrors(IMethodSymbol method, MethodDeclarationSyntax syntax, IOperation? body, AttributeData? attribute) =>
        body is null
        || DeclarationMayHideErrors(method, syntax, attribute)
        || EndMayBeReachable(method, syntax)
        || BodyMayHideErrors(method, body);

    private static bool DeclarationMayHideErrors(IMethodSymbol method, MethodDeclarationSyntax syntax, AttributeData? attribute) =>
        method.IsGenericMethod
        || HasErrorType(method.ReturnType)
        || method.Parameters.Any(p => HasErrorType(p.Type) || p.HasExplicitDefaultValue || p.IsParams)
        || method.IsExtensionMethod
        || method.Parameters.Select(p => p.Name).Distinct().Count() != method.Parameters.Length
        || syntax.Modifiers.Any(m => m.IsKind(SyntaxKind.UnsafeKeyword) || m.IsKind(SyntaxKind.AsyncKeyword) || m.IsKind(SyntaxKind.ExternKeyword) || m.IsKind(SyntaxKind.PartialKeyword))
        || (attribute is not null && attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error));

    /// <summary>A non-void block body whose last statement is not a <c>return</c> or a <c>throw</c> may fall off its end (CS0161).</summary>
    private static bool EndMayBeReachable(IMethodSymbol method, MethodDeclarationSyntax syntax) =>
        !method.ReturnsVoid
        && syntax.Body is { } block
        && block.Statements.LastOrDefault() is not (ReturnStatementSyntax or ThrowStatementSyntax);

    private static bool BodyMayHideErrors(IMethodSymbol method, IOperation body)
    {
        var locals = new List<(ILocalSymbol Local, SyntaxNode Declarator)>();
        foreach (IOperation operation in body.DescendantsAndSelf())
        {
            if (operation.Kind == OperationKind.Invalid || (operation.Type is { } type && HasErrorType(type)))
            {
                return true;
            }

            switch (operation)
            {
                case IConversionOperation conversion when !conversion.Conversion.Exists || (conversion.IsImplicit && !conversion.Conversion.IsImplicit):
                    return true;
                case IBinaryOperation binary when !binary.ConstantValue.HasValue && binary.LeftOperand.ConstantValue.HasValue && binary.RightOperand.ConstantValue.HasValue:
                    return true;
                case IUnaryOperation unary when !unary.ConstantValue.HasValue && unary.Operand.ConstantValue.HasValue:
                    return true;
                case IVariableDeclaratorOperation declarator:
                    if (declarator.Initializer is null && (declarator.Parent as IVariableDeclarationOperation)?.Initializer is null && declarator.Parent is not IForEachLoopOperation && declarator.Parent?.Parent is not IForEachLoopOperation)
                    {
                        return true; // no value: the compiler's flow analysis decides whether every read is assigned (CS0165)
                    }

                    locals.Add((declarator.Symbol, declarator.Syntax));
                    break;
            }
        }

        return NamesMayClash(method, locals);
    }

    /// <summary>A local named like a parameter (CS0136), or like another local whose scope holds its declaration (CS0128, CS0136).</summary>
    private static bool NamesMayClash(IMethodSymbol method, List<(ILocalSymbol Local, SyntaxNode Declarator)> locals)
    {
        var parameters = new HashSet<string>(method.Parameters.Select(p => p.Name));
        foreach (IGrouping<string, (ILocalSymbol Local, SyntaxNode Declarator)> named in locals.GroupBy(l => l.Local.Name))
        {
            if (parameters.Contains(named.Key))
            {
                return true;
            }

            var list = named.ToList();
            for (int i = 0; i < list.Count; i++)
            {
                SyntaxNode? scope = ScopeOf(list[i].Declarator);
                for (int j = 0; j < list.Count; j++)
                {
                    if (i != j && (scope is null || scope.Span.Contains(list[j].Declarator.Span)))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>The statement or block a local's name is in scope in: its loop (a <c>for</c> or <c>foreach</c> variable) or its enclosing block.</summary>
    private static SyntaxNode? ScopeOf(SyntaxNode declarator)
    {
        for (SyntaxNode? node = declarator.Parent; node is not null; node = node.Parent)
        {
            if (node is BlockSyntax or ForStatementSyntax or ForEachStatementSyntax or SwitchSectionSyntax or UsingStatementSyntax or FixedStatementSyntax or ArrowExpressionClauseSyntax)
            {
                return node;
            }
        }

        return null;
    }

    private static bool HasErrorType(ITypeSymbol type) => type switch
    {
        IErrorTypeSymbol => true,
        IArrayTypeSymbol array => HasErrorType(array.ElementType),
        IPointerTypeSymbol pointer => HasErrorType(pointer.PointedAtType),
        INamedTypeSymbol named => named.TypeKind == TypeKind.Error || named.TypeArguments.Any(HasErrorType),
        _ => type.TypeKind == TypeKind.Error,
    };
}
