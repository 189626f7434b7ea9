using System;
using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Normalization;

/// <summary>Bottom-up rewriting and renaming helpers over expressions and statements.</summary>
internal static class ExprRewriter
{
    /// <summary>Rebuilds <paramref name="expr"/> bottom-up, applying <paramref name="rewrite"/> to every node after its children.</summary>
    public static Expr Rewrite(Expr expr, Func<Expr, Expr> rewrite)
    {
        Expr rebuilt = expr switch
        {
            Unary u => u with { Operand = Rewrite(u.Operand, rewrite) },
            Binary b => b with { Left = Rewrite(b.Left, rewrite), Right = Rewrite(b.Right, rewrite) },
            Call c => c with { First = Rewrite(c.First, rewrite), Second = c.Second is null ? null : Rewrite(c.Second, rewrite) },
            Select s => s with { Condition = Rewrite(s.Condition, rewrite), WhenTrue = Rewrite(s.WhenTrue, rewrite), WhenFalse = Rewrite(s.WhenFalse, rewrite) },
            _ => expr,
        };
        return rewrite(rebuilt);
    }

    /// <summary>Renames variables through <paramref name="map"/>; names not in the map stay.</summary>
    public static Expr Rename(Expr expr, IReadOnlyDictionary<string, string> map) =>
        Rewrite(expr, e => e is Variable v && map.TryGetValue(v.Name, out string? renamed) ? v with { Name = renamed } : e);

    /// <summary>Renames variables, assignment targets included, throughout a block.</summary>
    public static EquatableArray<Stmt> Rename(IEnumerable<Stmt> block, IReadOnlyDictionary<string, string> map) =>
        block.Select(s => Rename(s, map)).ToEquatableArray();

    private static Stmt Rename(Stmt statement, IReadOnlyDictionary<string, string> map) => statement switch
    {
        AssignStatement a => a with { Target = map.TryGetValue(a.Target, out string? t) ? t : a.Target, Value = Rename(a.Value, map) },
        IfStatement i => i with { Condition = Rename(i.Condition, map), Then = Rename(i.Then, map), Else = Rename(i.Else, map) },
        ReturnStatement r => r with { Value = Rename(r.Value, map) },
        _ => statement,
    };

    /// <summary>Every variable name read by <paramref name="expr"/>.</summary>
    public static IEnumerable<string> Variables(Expr expr) => expr switch
    {
        Variable v => new[] { v.Name },
        Unary u => Variables(u.Operand),
        Binary b => Variables(b.Left).Concat(Variables(b.Right)),
        Call c => c.Second is null ? Variables(c.First) : Variables(c.First).Concat(Variables(c.Second)),
        Select s => Variables(s.Condition).Concat(Variables(s.WhenTrue)).Concat(Variables(s.WhenFalse)),
        _ => Array.Empty<string>(),
    };
}
