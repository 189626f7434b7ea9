using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Simplification;

/// <summary>
/// Removes scalar declarations and assignments nothing reads, until none is left: in a tangent
/// program the values kept only for a reverse sweep (an element's old value, a result nobody returns)
/// and their tangents. A value that pops the tape or calls a method is kept: removing it would change
/// what later pops read, or skip a call's effects.
/// </summary>
internal static class DeadDeclarations
{
    public static List<CodeStmt> Remove(IReadOnlyList<CodeStmt> program, IEnumerable<string> keep)
    {
        List<CodeStmt> current = program.ToList();
        while (true)
        {
            var read = new HashSet<string>(keep);
            CollectReads(current, read);
            int before = Count(current);
            current = Without(current, read);
            if (Count(current) == before)
            {
                return current;
            }
        }
    }

    private static List<CodeStmt> Without(IEnumerable<CodeStmt> block, HashSet<string> read) => block
        .Where(statement => statement switch
        {
            CodeDeclare declare => read.Contains(declare.Name) || !IsPure(declare.Value),
            CodeAssign { Index: null } assign => read.Contains(assign.Name) || !IsPure(assign.Value),
            _ => true,
        })
        .Select(statement => statement switch
        {
            CodeFor loop => loop with { Body = Without(loop.Body, read).ToEquatableArray() },
            CodeIf branch => branch with { Then = Without(branch.Then, read).ToEquatableArray(), Else = Without(branch.Else, read).ToEquatableArray() },
            _ => statement,
        })
        .ToList();

    private static bool IsPure(Expr value) => !Contains(value, e => e is TapePop or UserCall);

    private static bool Contains(Expr expr, System.Func<Expr, bool> test)
    {
        bool found = false;
        ExprRewriter.Rewrite(expr, e =>
        {
            found |= test(e);
            return e;
        });
        return found;
    }

    private static int Count(IEnumerable<CodeStmt> block) => block.Sum(statement => statement switch
    {
        CodeFor loop => 1 + Count(loop.Body),
        CodeIf branch => 1 + Count(branch.Then) + Count(branch.Else),
        _ => 1,
    });

    private static void CollectReads(IEnumerable<CodeStmt> block, HashSet<string> read)
    {
        foreach (CodeStmt statement in block)
        {
            foreach (Expr expr in ExpressionsOf(statement))
            {
                read.UnionWith(ExprRewriter.VariablesAndArrays(expr));
            }

            switch (statement)
            {
                case CodeFor loop:
                    CollectReads(loop.Body, read);
                    break;
                case CodeIf branch:
                    CollectReads(branch.Then, read);
                    CollectReads(branch.Else, read);
                    break;
                case CodeAssign { Index: not null } element:
                    read.Add(element.Name);
                    break;
                case CodeAddTo add:
                    read.Add(add.Name);
                    break;
                case CodeInvoke invoke:
                    read.UnionWith(invoke.Arguments.SelectMany(a => ExprRewriter.VariablesAndArrays(a.Value)));
                    break;
                case CodeClear clear:
                    read.Add(clear.Name);
                    break;
                case CodeLengthCheck check:
                    read.Add(check.Array);
                    read.Add(check.Other);
                    break;
            }
        }
    }

    private static IEnumerable<Expr> ExpressionsOf(CodeStmt statement) => statement switch
    {
        CodeDeclare d => new[] { d.Value },
        CodeAssign a => a.Index is null ? new[] { a.Value } : new[] { a.Value, a.Index },
        CodeAddTo a => a.Index is null ? new[] { a.Value } : new[] { a.Value, a.Index },
        CodeFor f => f.Exit is null ? new[] { f.Start, f.End } : new[] { f.Start, f.End, f.Exit },
        CodeIf i => new[] { i.Condition },
        CodeFailWhen f => new[] { f.Condition },
        CodeTapePush p => new[] { p.Value },
        CodeArrayDeclare a => new[] { a.Length },
        CodeArrayAllocate a => new[] { a.Length },
        CodeRentBuffer r => new[] { r.Length },
        _ => System.Array.Empty<Expr>(),
    };
}
