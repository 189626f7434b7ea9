using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Simplification;

/// <summary>
/// Removes declarations, assignments, element writes, additions and clears of names nothing reads
/// (the names in <c>keep</c> are read by the caller: outputs and the result), until none is left: in a
/// tangent program the values kept only for a reverse sweep (an element's old value, a result nobody
/// returns), and in a Hessian-vector product the gradient itself, whose tangent is the product but
/// which nothing reads. Reads are counted anywhere in the program, so a write inside a loop that a
/// later iteration reads stays. A value that pops the tape or calls a method is kept: removing it would change
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

    /// <summary>Every name the program reads or writes (a local the emitter declares only when the code uses it).</summary>
    public static HashSet<string> Mentioned(IReadOnlyList<CodeStmt> program)
    {
        var names = new HashSet<string>();
        CollectReads(program, names);
        CollectTargets(program, names);
        return names;
    }

    private static void CollectTargets(IEnumerable<CodeStmt> block, HashSet<string> into)
    {
        foreach (CodeStmt statement in CodeWalker.All(block))
        {
            if (TargetOf(statement) is { } target)
            {
                into.Add(target);
            }
        }
    }

    private static string? TargetOf(CodeStmt statement) => statement switch
    {
        CodeDeclare d => d.Name,
        CodeAssign a => a.Name,
        CodeAddTo a => a.Name,
        CodeClear c => c.Name,
        _ => null,
    };

    private static List<CodeStmt> Without(IEnumerable<CodeStmt> block, HashSet<string> read) => block
        .Where(statement => statement switch
        {
            CodeDeclare declare => read.Contains(declare.Name) || !IsPure(declare.Value),
            CodeAssign assign => read.Contains(assign.Name) || !IsPure(assign.Value) || (assign.Index is not null && !IsPure(assign.Index)),
            CodeAddTo add => read.Contains(add.Name) || !IsPure(add.Value) || (add.Index is not null && !IsPure(add.Index)),
            CodeClear clear => read.Contains(clear.Name),
            _ => true,
        })
        .Select(statement => statement switch
        {
            CodeFor loop => loop with { Body = Without(loop.Body, read).ToEquatableArray() },
            CodeIf branch => branch with { Then = Without(branch.Then, read).ToEquatableArray(), Else = Without(branch.Else, read).ToEquatableArray() },
            _ => statement,
        })
        .ToList();

    private static bool IsPure(Expr value) => !ExprRewriter.Contains(value, e => e is TapePop or UserCall);

    private static int Count(IEnumerable<CodeStmt> block) => CodeWalker.All(block).Count;

    private static void CollectReads(IEnumerable<CodeStmt> block, HashSet<string> read)
    {
        foreach (CodeStmt statement in CodeWalker.All(block))
        {
            // An update reading its own target (dw[i] = dw[i] * s, loss += ...) does not keep the target alive.
            string? target = statement is CodeAssign or CodeAddTo ? TargetOf(statement) : null;
            foreach (Expr expr in CodeWalker.ExpressionsOf(statement))
            {
                read.UnionWith(ExprRewriter.VariablesAndArrays(expr).Where(name => name != target));
            }

            // A write kept for its call or pop keeps its target declared (x = F(...) in a branch, declared before it).
            if (statement is CodeAssign { Index: null } kept && !IsPure(kept.Value))
            {
                read.Add(kept.Name);
            }
            else if (statement is CodeAddTo { Index: null } added && !IsPure(added.Value))
            {
                read.Add(added.Name);
            }

            switch (statement)
            {
                case CodeInvoke invoke:
                    read.UnionWith(invoke.Arguments.SelectMany(a => ExprRewriter.VariablesAndArrays(a.Value)));
                    break;
                case CodeLengthCheck check:
                    read.Add(check.Array);
                    read.Add(check.Other);
                    break;
            }
        }
    }
}
